package dev.switchboard.rules.catalog;

import java.time.Instant;

/** One row of rule_version. */
public record VersionRecord(
        String key, int version, String definition, Instant createdAt, String createdBy, String change) {}
