package dev.switchboard.rules.api;

import dev.switchboard.rules.RuleView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A line of the rule list: enough to find a rule and see whether it is live. */
record RuleSummary(
        String key,
        String name,
        String status,
        @Nullable Integer publishedVersion,
        boolean hasDraft,
        int priority,
        List<String> types,
        List<String> events,
        Instant updatedAt,
        String updatedBy) {

    static RuleSummary of(RuleView rule) {
        JsonNode current = rule.current();
        return new RuleSummary(
                rule.key(),
                rule.name(),
                rule.status().value(),
                rule.publishedVersion(),
                rule.draft() != null,
                current.path("priority").asInt(100),
                strings(current.path("when").path("type")),
                strings(current.path("when").path("event")),
                rule.updatedAt(),
                rule.updatedBy());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
