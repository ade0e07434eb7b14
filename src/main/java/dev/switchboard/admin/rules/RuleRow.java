package dev.switchboard.admin.rules;

import dev.switchboard.rules.RuleView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** A line of the rules list. */
public record RuleRow(
        String key,
        String name,
        String status,
        boolean hasDraft,
        List<String> events,
        List<String> types,
        List<String> workflows,
        int priority,
        Instant updatedAt,
        String updatedBy,
        long fires24h) {

    static RuleRow of(RuleView rule, long fires) {
        JsonNode current = rule.current();
        List<String> workflows = new ArrayList<>();
        current.path("actions").forEach(a -> {
            JsonNode workflow = a.path("workflowId");
            if (!workflow.isMissingNode()) {
                workflows.add(
                        workflow.isString()
                                ? workflow.asString()
                                : "(from " + workflow.path("@path").asString("the message") + ")");
            } else {
                workflows.add(a.path("type").asString());
            }
        });
        return new RuleRow(
                rule.key(),
                rule.name(),
                rule.status().value(),
                rule.draft() != null && rule.published() != null,
                strings(current.path("when").path("event")),
                strings(current.path("when").path("type")),
                workflows,
                current.path("priority").asInt(100),
                rule.updatedAt(),
                rule.updatedBy(),
                fires);
    }

    boolean matches(String query) {
        String q = query.toLowerCase(Locale.ROOT);
        return key.contains(q)
                || name.toLowerCase(Locale.ROOT).contains(q)
                || events.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains(q))
                || workflows.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains(q));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
