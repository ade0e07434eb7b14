package dev.switchboard.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The first admin account, created when no account exists yet.
 *
 * @param password when empty, a random password is generated and printed once at that first start
 */
@Validated
@ConfigurationProperties("switchboard.admin")
public record AdminProperties(
        @DefaultValue("admin") @NotBlank @Size(max = 100) String username,
        @Nullable String password) {

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=****]";
    }
}
