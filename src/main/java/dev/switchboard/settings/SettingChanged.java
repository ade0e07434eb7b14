package dev.switchboard.settings;

import org.jspecify.annotations.Nullable;

/**
 * A setting was overridden or reset to the environment's value. Published inside the transaction that makes the
 * change, so a listener that records it commits or rolls back with it. Secret values are already masked.
 *
 * @param before the override before (masked for secrets), or null when the environment's value was in effect
 * @param after the override after (masked for secrets), or null when reset to the environment's value
 * @param action {@code setting_changed} or {@code setting_reset}
 */
public record SettingChanged(
        Setting setting,
        String user,
        String action,
        @Nullable String before,
        @Nullable String after) {}
