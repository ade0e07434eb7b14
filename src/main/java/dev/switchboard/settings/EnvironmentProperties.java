package dev.switchboard.settings;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which installation this is.
 *
 * @param environmentName shown in every page's header (e.g. {@code production}, {@code staging}), so nobody
 *     edits production rules believing they are on staging
 */
@Validated
@ConfigurationProperties("switchboard")
public record EnvironmentProperties(
        @DefaultValue("default") @NotBlank String environmentName) {}
