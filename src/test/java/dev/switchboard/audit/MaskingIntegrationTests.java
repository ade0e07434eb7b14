package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.WideRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Masked paths never reach storage: not in the stored message, not in the rule explanations (the decision rows
 * and the message's not-matched decisions), not in the attempts (here a dry run, which records the request that
 * carries the email), while the rule still uses the real value for the request Novu gets.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "switchboard.ingest.mask-paths=$.context.traits.email,$.context.ip,$.properties.cards[*].number",
            "switchboard.dispatch.enabled=true",
            "switchboard.dispatch.poll-interval=20ms"
        })
@ActiveProfiles("test")
class MaskingIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void maskedValuesAreNeverStored() {
        var client = new IntakeClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "jane-" + run + "@example.com";
        String ip = "203.0.113." + (run.hashCode() & 0x7f);
        String card = "4111-" + run;
        String rule = "{\"key\":\"mask-" + run + "\",\"name\":\"Mask\",\"enabled\":true,\"when\":{\"type\":[\"track\"],"
                + "\"all\":[{\"path\":\"$.userId\",\"op\":\"equals\",\"value\":\"jane-" + run + "\"},"
                + "{\"path\":\"$.context.traits.email\",\"op\":\"matches\",\"value\":\".+@.+\"}]},"
                + "\"actions\":[{\"type\":\"trigger\",\"workflowId\":\"cart\",\"to\":{\"subscriberId\":"
                + "{\"@path\":\"$.userId\"},\"email\":{\"@path\":\"$.context.traits.email\"}},"
                + "\"payload\":{\"card\":{\"@path\":\"$.properties.cards[0].number\"}}}]}";
        var published = client.request("POST", "/api/rules?publish=true", rule, "Authorization", adminHeader());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        // A rule that looks at the masked values and does not match: its explanation goes to unmatched_decisions.
        String miss = "{\"key\":\"mask-miss-" + run + "\",\"name\":\"Miss\",\"enabled\":true,\"when\":{\"type\":"
                + "[\"track\"],\"all\":[{\"path\":\"$.userId\",\"op\":\"equals\",\"value\":\"jane-" + run + "\"},"
                + "{\"path\":\"$.context.traits.email\",\"op\":\"equals\",\"value\":\"someone@example.com\"},"
                + "{\"path\":\"$.context.ip\",\"op\":\"starts_with\",\"value\":\"198.51.100.\"}]},"
                + "\"actions\":[{\"type\":\"trigger\",\"workflowId\":\"cart\",\"to\":{\"subscriberId\":"
                + "{\"@path\":\"$.userId\"}}}]}";
        var missPublished = client.request("POST", "/api/rules?publish=true", miss, "Authorization", adminHeader());
        assertThat(missPublished.statusCode()).as(missPublished.body()).isEqualTo(201);

        String message = "{\"userId\":\"jane-" + run + "\",\"event\":\"Cart Abandoned\",\"messageId\":\"mask-" + run
                + "\",\"context\":{\"ip\":\"" + ip + "\",\"traits\":{\"email\":\"" + email + "\"}},"
                + "\"properties\":{\"cards\":[{\"number\":\"" + card + "\",\"brand\":\"visa\"}]}}";
        assertThat(client.post("/v1/track", message, "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(200);
        UUID eventId = jdbc.sql("select id from event_message where message_id = ?")
                .param("mask-" + run)
                .query(UUID.class)
                .single();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id"
                                        + " where d.event_id = ?")
                                .param(eventId)
                                .query(Integer.class)
                                .single()
                        > 0);

        String payload = jdbc.sql("select payload from event_message where id = ?")
                .param(eventId)
                .query(String.class)
                .single();
        assertThat(payload).contains("[masked]", "visa").doesNotContain(email, ip, card);
        List<String> traces = jdbc.sql("select trace from rule_decision where event_id = ?")
                .param(eventId)
                .query(String.class)
                .list();
        assertThat(String.join("\n", traces)).contains("jane-" + run).doesNotContain(email);
        String unmatched = jdbc.sql("select unmatched_decisions from event_message where id = ?")
                .param(eventId)
                .query(String.class)
                .single();
        assertThat(unmatched)
                .contains("\"mask-miss-" + run + "\"", "jane-" + run, "[masked]")
                .doesNotContain(email, ip, card);
        List<String> attempts = jdbc.sql("select coalesce(a.response_excerpt, '') || ' ' || coalesce(a.error, '')"
                        + " from delivery_attempt a join delivery d on d.id = a.delivery_id where d.event_id = ?")
                .param(eventId)
                .query(String.class)
                .list();
        assertThat(String.join("\n", attempts)).contains("[masked]").doesNotContain(email, card);
        // The request Novu gets still carries what the rule mapped: masking protects the log, not the message.
        String body = jdbc.sql("select body from delivery where event_id = ?")
                .param(eventId)
                .query(String.class)
                .single();
        assertThat(body).contains(email, card);
        // And the API shows nothing more than what is stored.
        String detail = client.get("/api/events/" + eventId, "Authorization", adminHeader())
                .body();
        assertThat(detail).contains("[masked]");
        // The decisions it lists, the not-matched one read from unmatched_decisions, show the masked values only.
        String decisions =
                JsonMapper.builder().build().readTree(detail).path("decisions").toString();
        assertThat(decisions).contains("mask-miss-" + run, "[masked]").doesNotContain(email, ip, card);
    }

    @Test
    void keepsWhichRulesDidNotMatchAMaskedMessageWhenTheirExplanationsWouldNotFit() {
        var client = new IntakeClient(port);
        // With a masked value the stored copy cannot explain the rules again, so their explanations are stored;
        // each repeats the 30 KB note it looked at, and together they do not fit the column.
        var wide = new WideRules("masked-wide");
        wide.publish(client);
        String message = wide.message("{\"ip\":\"203.0.113.9\"}");

        var answer = client.post("/v1/track", message, "Authorization", writeKeyHeader());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String unmatched = jdbc.sql("select unmatched_decisions from event_message where message_id = ?")
                .param(wide.messageId())
                .query(String.class)
                .single();
        assertThat(unmatched.length()).isLessThanOrEqualTo(1_000_000);
        // The other test's rules, on any track event, are listed too.
        List<JsonNode> elements = new ArrayList<>();
        JsonMapper.builder().build().readTree(unmatched).forEach(element -> {
            if (element.path("rule").asString().endsWith("-" + wide.run)) {
                elements.add(element);
            }
        });
        assertThat(elements).hasSize(WideRules.COUNT).allSatisfy(element -> {
            assertThat(element.has("trace")).isTrue();
            assertThat(element.path("trace").isNull()).isTrue();
        });
    }
}
