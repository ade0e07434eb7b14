package dev.switchboard.ingest;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three published rules on one event name of their own, so a message of that event is considered by exactly
 * these three: {@code take} matches ({@code total} at least 20), {@code big} does not (at least 100), and
 * {@code coupon} does not (no coupon in the message). Then one message through real intake, and what is stored
 * and shown for it.
 */
final class ConsideredRules {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntakeClient client;
    private final JdbcClient jdbc;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    final String take = "take-" + run;
    final String big = "big-" + run;
    final String coupon = "coupon-" + run;

    ConsideredRules(IntakeClient client, JdbcClient jdbc) {
        this.client = client;
        this.jdbc = jdbc;
    }

    void publish() {
        publish(take, "{\"path\": \"$.properties.total\", \"op\": \"gte\", \"value\": 20}");
        publish(big, "{\"path\": \"$.properties.total\", \"op\": \"gte\", \"value\": 100}");
        publish(coupon, "{\"path\": \"$.properties.coupon\", \"op\": \"equals\", \"value\": \"SPRING\"}");
    }

    private void publish(String key, String condition) {
        String rule = """
                {"key": "%s", "name": "Considered %s", "enabled": true,
                 "when": {"type": ["track"], "event": ["Checkout %s"], "all": [%s]},
                 "actions": [{"type": "trigger", "workflowId": "checkout",
                              "to": {"subscriberId": {"@path": "$.userId"}}}]}
                """.formatted(key, key, run, condition);
        var response = client.request("POST", "/api/rules?publish=true", rule, "Authorization", adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Sends one message (its total as the text "75") and answers the id of its stored row. */
    UUID send() {
        return post(List.of("routed"));
    }

    /** Sends the same message again and answers the id of the duplicate's row. */
    UUID sendAgain() {
        return post(List.of("duplicate"));
    }

    private UUID post(List<String> statuses) {
        String messageId = "considered-" + run;
        String body = "{\"userId\":\"u-" + run + "\",\"event\":\"Checkout " + run + "\",\"messageId\":\"" + messageId
                + "\",\"properties\":{\"total\":\"75\"}}";
        assertThat(client.post("/v1/track", body, "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(200);
        return jdbc.sql("select id from event_message where message_id = :id and status in (:statuses)")
                .param("id", messageId)
                .param("statuses", statuses)
                .query(UUID.class)
                .single();
    }

    /** A duplicate keeps no decisions: the first copy of the message has them. */
    void assertNoDecisions(UUID eventId) {
        assertThat(jdbc.sql("select count(*) from rule_decision where event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from event_message where id = ? and status = 'duplicate'"
                                + " and unmatched_decisions is null")
                        .param(eventId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * One rule_decision row (the match, without its explanation) and the two rules that did not match in
     * unmatched_decisions.
     */
    void assertStored(UUID eventId) {
        assertThat(jdbc.sql("select rule_key || ' ' || outcome from rule_decision where event_id = ?")
                        .param(eventId)
                        .query(String.class)
                        .list())
                .containsExactly(take + " matched");
        // The match is stored without its explanation too: the audit log derives it like the others.
        assertThat(jdbc.sql("select count(*) from rule_decision where event_id = ? and trace is null")
                        .param(eventId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        JsonNode unmatched = JSON.readTree(jdbc.sql("select unmatched_decisions from event_message where id = ?")
                .param(eventId)
                .query(String.class)
                .single());
        assertThat(unmatched).hasSize(2);
        List<String> rules = new ArrayList<>();
        unmatched.forEach(element -> rules.add(element.path("rule").asString()));
        assertThat(rules).containsExactlyInAnyOrder(big, coupon);
        // Only which version did not match: the audit log derives the explanation from the stored message.
        unmatched.forEach(element -> {
            assertThat(element.path("version").asInt()).isEqualTo(1);
            assertThat(element.has("trace")).isFalse();
        });
    }

    /** {@code GET /api/events/{id}} lists all three decisions, by rule key, each with its explanation. */
    void assertShown(UUID eventId) {
        var response = client.get("/api/events/" + eventId, "Authorization", adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode detail = JSON.readTree(response.body());
        JsonNode decisions = detail.path("decisions");
        List<String> shown = new ArrayList<>();
        decisions.forEach(d ->
                shown.add(d.path("ruleKey").asString() + " " + d.path("outcome").asString()));
        assertThat(shown).containsExactly(big + " not_matched", coupon + " not_matched", take + " matched");
        String receivedAt = detail.at("/summary/receivedAt").asString();
        for (JsonNode decision : decisions) {
            assertThat(decision.path("ruleVersion").asInt()).isEqualTo(1);
            assertThat(decision.path("decidedAt").asString()).isEqualTo(receivedAt);
            assertThat(decision.path("error").isNull()).isTrue();
        }
        JsonNode bigTotal = decisions.at("/0/explanation/all/children/0");
        assertThat(bigTotal.path("holds").asBoolean(true)).isFalse();
        assertThat(bigTotal.at("/found/0/value").asString()).isEqualTo("75");
        assertThat(bigTotal.at("/found/0/type").asString()).isEqualTo("string");
        assertThat(bigTotal.at("/hints/0").asString()).isEqualTo("value is the string \"75\" (compared as number)");
        JsonNode missingCoupon = decisions.at("/1/explanation/all/children/0");
        assertThat(missingCoupon.path("found")).isEmpty();
        assertThat(missingCoupon.at("/hints/0").asString()).isEqualTo("path not present");
        assertThat(decisions.at("/2/explanation/matched").asBoolean()).isTrue();
        assertThat(decisions.at("/2/explanation/all/children/0/holds").asBoolean())
                .isTrue();
    }
}
