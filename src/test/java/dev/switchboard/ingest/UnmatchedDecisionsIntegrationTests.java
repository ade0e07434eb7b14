package dev.switchboard.ingest;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
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
 * error decisions as rule_decision rows; the event detail shows them all as before. On H2, over real HTTP.
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
    void keepsWhichRulesDidNotMatchWhenTheirExplanationsWouldNotFit() {
        var client = new IntakeClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Each rule's explanation repeats the 30 KB note it looked at: 35 of them do not fit the column.
        int rules = 35;
        for (int i = 0; i < rules; i++) {
            String rule = """
                    {"key": "wide-%d-%s", "name": "Wide %d", "enabled": true,
                     "when": {"type": ["track"], "event": ["Wide %s"],
                              "all": [{"path": "$.properties.note", "op": "equals", "value": "short"}]},
                     "actions": [{"type": "trigger", "workflowId": "wide",
                                  "to": {"subscriberId": {"@path": "$.userId"}}}]}
                    """.formatted(i, run, i, run);
            var published = client.request("POST", "/api/rules?publish=true", rule, "Authorization", adminHeader());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        }
        String note = "n".repeat(30_000);
        String message = "{\"userId\":\"w-" + run + "\",\"event\":\"Wide " + run + "\",\"messageId\":\"wide-" + run
                + "\",\"properties\":{\"note\":\"" + note + "\"}}";

        var answer = client.post("/v1/track", message, "Authorization", writeKeyHeader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String unmatched = jdbc.sql("select unmatched_decisions from event_message where message_id = ?")
                .param("wide-" + run)
                .query(String.class)
                .single();
        assertThat(unmatched.length()).isLessThanOrEqualTo(MessageRouting.MAX_UNMATCHED_LENGTH);
        JsonNode elements = JSON.readTree(unmatched);
        assertThat(elements).hasSize(rules);
        elements.forEach(element -> {
            assertThat(element.path("rule").asString()).startsWith("wide-").endsWith(run);
            assertThat(element.path("trace").isNull()).isTrue();
        });
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
