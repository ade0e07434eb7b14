package dev.switchboard.settings;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Runtime settings.
 *
 * @param encryptionKey the key that encrypts secret overrides at rest (any long random text); when unset, one is
 *     generated on first start into {@code keyFile}
 * @param keyFile where the generated key is kept (owner-only), next to the H2 database by default
 * @param refreshInterval how often an instance re-reads the overrides, for changes made on another instance
 */
@Validated
@ConfigurationProperties("switchboard.settings")
public record SettingsProperties(
        @Nullable String encryptionKey,

        @DefaultValue("data/settings-encryption.key") @NotNull
        Path keyFile,

        @DefaultValue("10s") @NotNull Duration refreshInterval) {

    @Override
    public String toString() {
        return "SettingsProperties[encryptionKey=" + (encryptionKey == null ? "(generated)" : "****") + ", keyFile="
                + keyFile + "]";
    }
}
