/**
 * Settings an admin changes at runtime ({@code /settings}, {@code /api/settings}) on top of the environment:
 * Novu base URL and API key, the Segment webhook secret, the environment name, retention, MVEL on/off and the
 * Novu rate limit. Overrides live in {@code setting_override} (secrets AES-GCM encrypted) and are cached in
 * memory by {@link dev.switchboard.settings.RuntimeSettings}, refreshed after each change commits and
 * periodically for other instances; nothing reads the table per event or delivery.
 *
 * <p>This module knows no other feature module: each consumer asks for the override and falls back to its own
 * {@code @ConfigurationProperties} value, so the environment stays the default and the dependencies point one
 * way. Changes are announced as {@link dev.switchboard.settings.SettingChanged} inside the transaction (the
 * audit records it) and {@link dev.switchboard.settings.SettingsRefreshed} once the cache holds them.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.switchboard.settings;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
