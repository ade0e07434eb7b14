package dev.switchboard.settings;

/** The in-memory overrides were reloaded after a change (here or on another instance): consumers re-read them. */
public record SettingsRefreshed() {}
