package dev.switchboard.rules;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One immutable published version of a rule: who made it, when, why ({@code change}), and what it was. */
public record RuleVersionView(
        String key, int version, Instant createdAt, String createdBy, String change, JsonNode definition) {}
