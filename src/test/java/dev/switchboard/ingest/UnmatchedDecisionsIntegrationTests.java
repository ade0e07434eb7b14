package dev.switchboard.ingest;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.WideRules;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Since V50 intake keeps the rules that did not match a message on the message row, and only matched and
 * error decisions as rule_decision rows, none with its explanation unless the message had masked values; the
 * event detail shows them all as before, each explanation derived again from the stored message and the rule
 * version. On H2, over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UnmatchedDecisionsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesOneRowForTheMatchAndTheOtherRulesOnTheMessage() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();

        UUID eventId = rules.send();

        rules.assertStored(eventId);
    }

    @Test
    void theEventDetailStillListsEveryDecisionWithItsExplanation() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();

        UUID eventId = rules.send();

        rules.assertShown(eventId);
    }

    @Test
    void explainsRulesWhoseExplanationsTogetherWouldNotFitTheColumn() {
        var client = new IntakeClient(port);
        // Each rule's explanation repeats the 30 KB note it looked at: stored, they would not fit the column.
        var wide = new WideRules("wide");
        wide.publish(client);
        String message = wide.message("{}");

        var answer = client.post("/v1/track", message, "Authorization", writeKeyHeader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        UUID eventId = jdbc.sql("select id from event_message where message_id = ?")
                .param(wide.messageId())
                .query(UUID.class)
                .single();
        JsonNode elements = JSON.readTree(unmatched(eventId));
        assertThat(elements).hasSize(WideRules.COUNT);
        elements.forEach(element -> {
            assertThat(element.path("rule").asString()).startsWith("wide-").endsWith(wide.run);
            assertThat(element.has("trace")).isFalse();
        });
        JsonNode decisions = detail(client, eventId).path("decisions");
        assertThat(decisions).hasSize(WideRules.COUNT);
        decisions.forEach(decision -> assertThat(
                        decision.at("/explanation/all/children/0/found/0/value").asString())
                .isEqualTo(WideRules.NOTE));
    }

    @Test
    void explainsAVersionThatIsNoLongerLiveFromItsStoredDefinition() {
        var client = new IntakeClient(port);
        var rules = new ConsideredRules(client, jdbc);
        rules.publish();
        UUID eventId = rules.send();
        // Version 2 of the rule asks for something else; the message was checked against version 1.
        String version2 = """
                {"key": "%s", "name": "Considered %s", "enabled": true,
                 "when": {"type": ["track"], "event": ["Checkout %s"],
                          "all": [{"path": "$.properties.total", "op": "gte", "value": 500}]},
                 "actions": [{"type": "trigger", "workflowId": "checkout",
                              "to": {"subscriberId": {"@path": "$.userId"}}}]}
                """.formatted(rules.big, rules.big, rules.take.substring("take-".length()));
        var published = client.request(
                "PUT", "/api/rules/" + rules.big + "?publish=true", version2, "Authorization", adminHeader());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        // And the rule that matched no longer would: its version 2 asks for a total of at least 500 too.
        var takeVersion2 = client.request(
                "PUT",
                "/api/rules/" + rules.take + "?publish=true",
                version2.replace(rules.big, rules.take),
                "Authorization",
                adminHeader());
        assertThat(takeVersion2.statusCode()).as(takeVersion2.body()).isEqualTo(200);

        JsonNode detail = detail(client, eventId);

        JsonNode big = decision(detail, rules.big);
        assertThat(big.path("ruleVersion").asInt()).isEqualTo(1);
        assertThat(big.at("/explanation/all/children/0/expected").asInt()).isEqualTo(100);
        assertThat(big.at("/explanation/all/children/0/holds").asBoolean(true)).isFalse();
        JsonNode take = decision(detail, rules.take);
        assertThat(take.path("outcome").asString()).isEqualTo("matched");
        assertThat(take.path("ruleVersion").asInt()).isEqualTo(1);
        assertThat(take.at("/explanation/matched").asBoolean()).isTrue();
        assertThat(take.at("/explanation/all/children/0/expected").asInt()).isEqualTo(20);
    }

    @Test
    void explainsARuleThatFailedOnTheMessage() {
        var client = new IntakeClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String rule = """
                {"key": "fails-%s", "name": "Fails", "enabled": true,
                 "when": {"type": ["track"], "event": ["Fails %s"], "expression": "properties.coupon.length() > 2"},
                 "actions": [{"type": "trigger", "workflowId": "checkout",
                              "to": {"subscriberId": {"@path": "$.userId"}}}]}
                """.formatted(run, run);
        var published = client.request("POST", "/api/rules?publish=true", rule, "Authorization", adminHeader());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String message = "{\"userId\":\"u-" + run + "\",\"event\":\"Fails " + run + "\",\"messageId\":\"fails-" + run
                + "\",\"properties\":{}}";

        var answer = client.post("/v1/track", message, "Authorization", writeKeyHeader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        UUID eventId = jdbc.sql("select id from event_message where message_id = ?")
                .param("fails-" + run)
                .query(UUID.class)
                .single();
        assertThat(jdbc.sql("select outcome || ' ' || coalesce(trace, 'no trace') from rule_decision"
                                + " where event_id = ?")
                        .param(eventId)
                        .query(String.class)
                        .single())
                .isEqualTo("error no trace");
        JsonNode fails = decision(detail(client, eventId), "fails-" + run);
        assertThat(fails.path("outcome").asString()).isEqualTo("error");
        assertThat(fails.path("error").asString()).isNotBlank();
        assertThat(fails.path("explanation").isObject()).as(fails.toString()).isTrue();
        assertThat(fails.at("/explanation/matched").asBoolean(true)).isFalse();
    }

    @Test
    void showsNoExplanationThatWouldContradictTheRecordedDecision() {
        // What an upgrade that changed how a rule reads a message would look like: version 1 of "big" now matches
        // the stored message, which it did not when the message came in.
        Changed changed = afterTheStoredTotalBecame("150");

        JsonNode big = decision(changed.detail(), changed.rules().big);
        assertThat(big.path("outcome").asString()).isEqualTo("not_matched");
        assertThat(big.path("explanation").isNull()).isTrue();
        assertThat(decision(changed.detail(), changed.rules().coupon)
                        .at("/explanation/matched")
                        .asBoolean(true))
                .isFalse();
    }

    @Test
    void showsNoExplanationOfAMatchThatWouldNoLongerHold() {
        // The other way round: "take" (a total of at least 20) would not match a total of 5.
        Changed changed = afterTheStoredTotalBecame("5");

        JsonNode take = decision(changed.detail(), changed.rules().take);
        assertThat(take.path("outcome").asString()).isEqualTo("matched");
        assertThat(take.path("explanation").isNull()).isTrue();
        assertThat(decision(changed.detail(), changed.rules().big)
                        .at("/explanation/matched")
                        .asBoolean(true))
                .isFalse();
    }

    private record Changed(ConsideredRules rules, JsonNode detail) {}

    /** One message through intake, then its stored copy changed to another total, and its event detail. */
    private Changed afterTheStoredTotalBecame(String total) {
        var client = new IntakeClient(port);
        var rules = new ConsideredRules(client, jdbc);
        rules.publish();
        UUID eventId = rules.send();
        jdbc.sql("update event_message set payload = replace(payload, '\"75\"', ?) where id = ?")
                .param(total)
                .param(eventId)
                .update();
        return new Changed(rules, detail(client, eventId));
    }

    private String unmatched(UUID eventId) {
        return jdbc.sql("select unmatched_decisions from event_message where id = ?")
                .param(eventId)
                .query(String.class)
                .single();
    }

    private static JsonNode detail(IntakeClient client, UUID eventId) {
        var response = client.get("/api/events/" + eventId, "Authorization", adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode decision(JsonNode detail, String rule) {
        for (JsonNode decision : detail.path("decisions")) {
            if (decision.path("ruleKey").asString().equals(rule)) {
                return decision;
            }
        }
        throw new AssertionError("no decision of " + rule + " in " + detail);
    }

    @Test
    void aDuplicateStoresNoDecisionsAgain() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();
        UUID first = rules.send();

        UUID duplicate = rules.sendAgain();

        rules.assertStored(first);
        rules.assertNoDecisions(duplicate);
    }
}
