package dev.switchboard.admin.rules;

import dev.switchboard.rules.RuleFormat;
import dev.switchboard.rules.RuleStatus;
import dev.switchboard.rules.RuleView;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rule JSON and views for the page tests, canonical as the catalog stores them. */
final class RuleFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant WHEN = Instant.parse("2026-11-28T09:00:00Z");

    private RuleFixtures() {}

    static JsonNode rule(String key, String event, int minimumTotal) {
        return RuleFormat.toJson(RuleFormat.parse(JSON.readTree(("{'key': '" + key + "', 'name': 'Rule " + key
                        + "', 'when': {'type': ['track'], 'event': ['" + event + "'], 'all': [{'path':"
                        + " '$.properties.cart_total', 'op': 'gte', 'value': " + minimumTotal + "}]},"
                        + " 'actions': [{'type': 'trigger', 'workflowId': 'wf-" + key + "',"
                        + " 'to': {'subscriberId': {'@path': '$.userId'}}}]}")
                .replace('\'', '"'))));
    }

    static RuleView published(String key, JsonNode definition) {
        return new RuleView(key, "Rule " + key, RuleStatus.PUBLISHED, 1, definition, null, WHEN, "ann", WHEN, "ann");
    }

    static RuleView withDraft(String key, JsonNode published, JsonNode draft) {
        return new RuleView(key, "Rule " + key, RuleStatus.PUBLISHED, 1, published, draft, WHEN, "ann", WHEN, "bob");
    }
}
