package dev.switchboard.novu;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Novu is and how to reach it.
 *
 * @param baseUrl Novu's API root: {@code https://api.novu.co} (US), {@code https://eu.api.novu.co} (EU) or a
 *     self-hosted API
 * @param apiKey the environment's secret key; when empty, deliveries are recorded as dry runs and not sent
 */
@Validated
@ConfigurationProperties("switchboard.novu")
public record NovuProperties(
        @DefaultValue("https://api.novu.co")
        @NotNull
        @Pattern(
                regexp = "https?://[A-Za-z0-9.\\-\\[\\]:]+(:\\d+)?(/[^\\s?#]*)?",
                message = "must be an http(s) URL such as https://api.novu.co")
        String baseUrl,

        @Nullable String apiKey,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration readTimeout) {

    /** Without an API key nothing is sent: deliveries are recorded with their exact request as dry runs. */
    public boolean dryRun() {
        return apiKey == null || apiKey.isBlank();
    }

    @Override
    public String toString() {
        // Never print the key, not even by accident in a log line about configuration.
        return "NovuProperties[baseUrl=" + baseUrl + ", apiKey=" + (dryRun() ? "(none)" : "****") + "]";
    }
}
