package dev.switchboard.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A setting that can be overridden at runtime, its stable name (the {@code setting_override} row and the JSON
 * API field) and what a valid value is.
 */
public enum Setting {
    NOVU_BASE_URL("novu.base-url", false),
    NOVU_API_KEY("novu.api-key", true),
    WEBHOOK_SECRET("ingest.webhook-secret", true),
    ENVIRONMENT_NAME("environment-name", false),
    RETENTION_DAYS("audit.retention-days", false),
    MVEL_ENABLED("rules.mvel-enabled", false),
    RATE_LIMIT("dispatch.rate-limit", false);

    /** Novu's US region, the default. */
    public static final String NOVU_US = "https://api.novu.co";

    /** Novu's EU region. */
    public static final String NOVU_EU = "https://eu.api.novu.co";

    private static final String URL = "https?://[A-Za-z0-9.\\-\\[\\]:]+(:\\d+)?(/[^\\s?#]*)?";

    private final String key;
    private final boolean secret;

    Setting(String key, boolean secret) {
        this.key = key;
        this.secret = secret;
    }

    /** The stable name, e.g. {@code novu.base-url}. */
    public String key() {
        return key;
    }

    /** Write-only: never shown, logged or recorded in clear, stored encrypted. */
    public boolean secret() {
        return secret;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The value as stored: trimmed, lower-cased where case does not matter. */
    public String normalize(String value) {
        String trimmed = value.trim();
        return switch (this) {
            case NOVU_BASE_URL -> trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            case MVEL_ENABLED, RATE_LIMIT -> trimmed.toLowerCase(Locale.ROOT).replace(" ", "");
            default -> trimmed;
        };
    }

    /** Why the (normalized) value is not valid for this setting, or null when it is. */
    public @Nullable String problem(String value) {
        return switch (this) {
            case NOVU_BASE_URL -> url(value);
            case NOVU_API_KEY ->
                value.length() < 8 || value.length() > 500 || value.chars().anyMatch(Character::isWhitespace)
                        ? "must be 8 to 500 characters without spaces"
                        : null;
            case WEBHOOK_SECRET -> value.length() < 8 || value.length() > 500 ? "must be 8 to 500 characters" : null;
            case ENVIRONMENT_NAME ->
                value.matches("[\\p{L}\\p{N} _.\\-]{1,40}")
                        ? null
                        : "must be 1 to 40 letters, digits, spaces, dots, dashes or underscores";
            case RETENTION_DAYS -> days(value);
            case MVEL_ENABLED -> value.equals("true") || value.equals("false") ? null : "must be true or false";
            case RATE_LIMIT -> RateLimits.problem(value);
        };
    }

    private static @Nullable String url(String value) {
        if (!value.matches(URL)) {
            return "must be an http(s) URL such as https://api.novu.co";
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() == null ? "must name a host" : null;
        } catch (URISyntaxException e) {
            return "must be an http(s) URL such as https://api.novu.co";
        }
    }

    private static @Nullable String days(String value) {
        try {
            int days = Integer.parseInt(value);
            return days < 1 ? "must be at least 1 day" : days > 3650 ? "must be at most 3650 days" : null;
        } catch (NumberFormatException e) {
            return "must be a whole number of days";
        }
    }
}
