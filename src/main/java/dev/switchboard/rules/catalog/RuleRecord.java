package dev.switchboard.rules.catalog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A stored rule with its published definition (rule JSON text) joined in. */
public record RuleRecord(
        String key,
        @Nullable String draft,
        @Nullable Integer publishedVersion,
        @Nullable String published,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        boolean deleted) {}
