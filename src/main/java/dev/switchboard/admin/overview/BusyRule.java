package dev.switchboard.admin.overview;

/** A rule and how often it matched. */
public record BusyRule(String key, long fires) {}
