package dev.switchboard.settings;

import java.time.Instant;

/** An override in effect: the value (decrypted, for secrets too: never show or log it), who set it and when. */
public record SettingOverride(Setting setting, String value, Instant updatedAt, String updatedBy) {

    /** What a page may show: the value, or for a secret the last 4 characters. */
    public String shown() {
        return setting.secret() ? Secrets.masked(value) : value;
    }

    @Override
    public String toString() {
        // Never print a secret, not even by accident in a log line.
        return "SettingOverride[" + setting.key() + "=" + shown() + ", updatedAt=" + updatedAt + ", updatedBy="
                + updatedBy + "]";
    }
}
