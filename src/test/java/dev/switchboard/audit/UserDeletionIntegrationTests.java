package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Deliveries;
import dev.switchboard.support.IntakeClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Segment {@code delete} (or an admin) purges everything stored about that person, keeps the delete itself as
 * the record, and the purge shows in the configuration audit next to rule changes with their diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UserDeletionIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void aSegmentDeletePurgesEverythingOfThatUser() {
        var client = new IntakeClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jane = "jane-" + run;
        String other = "other-" + run;
        for (String user : new String[] {jane, jane, other}) {
            String body = "{\"userId\":\"" + user + "\",\"event\":\"Cart Abandoned\"}";
            assertThat(client.post("/v1/track", body, "Authorization", writeKeyHeader())
                            .statusCode())
                    .isEqualTo(200);
        }
        UUID janeEvent = jdbc.sql("select id from event_message where user_id = ? fetch first 1 rows only")
                .param(jane)
                .query(UUID.class)
                .single();
        jdbc.sql("insert into rule_decision (id, event_id, rule_key, rule_version, outcome, decided_at)"
                        + " values (?, ?, 'r', 1, 'matched', current_timestamp)")
                .params(UUID.randomUUID(), janeEvent)
                .update();
        // The rules that did not match live on the message row since V50, with the user's values in their traces.
        jdbc.sql("update event_message set unmatched_decisions = ? where id = ?")
                .params(
                        "[{\"rule\":\"r2\",\"version\":1,\"trace\":{\"matched\":false,\"found\":\"" + jane + "\"}}]",
                        janeEvent)
                .update();
        UUID delivered = Deliveries.trigger("cart", jane).status("delivered").insert(jdbc);
        new StoredChain(jdbc).attempt(delivered, 1, Instant.now(), 201, "{\"subscriberId\":\"" + jane + "\"}");
        UUID othersDelivery = Deliveries.trigger("cart", other).insert(jdbc);

        String delete = "{\"type\":\"delete\",\"userId\":\"" + jane + "\",\"messageId\":\"del-" + run + "\"}";
        var answer = client.post("/webhooks/segment", delete, "X-Signature", sign(delete));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        assertThat(count("select count(*) from event_message where user_id = ?", jane))
                .as("only the delete itself is kept")
                .isEqualTo(1);
        assertThat(count("select count(*) from event_message where user_id = ? and type = 'delete'", jane))
                .isEqualTo(1);
        assertThat(count("select count(*) from rule_decision where event_id = ?", janeEvent))
                .isZero();
        assertThat(count("select count(*) from event_message where id = ?", janeEvent))
                .as("the message goes, with the not-matched decisions on it")
                .isZero();
        assertThat(count("select count(*) from delivery where user_id = ?", jane))
                .isZero();
        assertThat(count("select count(*) from delivery_attempt where delivery_id = ?", delivered))
                .isZero();
        assertThat(count("select count(*) from event_message where user_id = ?", other))
                .isEqualTo(1);
        assertThat(Deliveries.status(jdbc, othersDelivery)).isEqualTo("pending");

        JsonNode audit = JSON.readTree(client.get("/api/audit/changes?kind=privacy", "Authorization", adminHeader())
                .body());
        JsonNode record = null;
        for (JsonNode change : audit.get("changes")) {
            if (change.get("subject").asString().equals(jane)) {
                record = change;
            }
        }
        assertThat(record).isNotNull();
        assertThat(record.get("by").asString()).startsWith("segment:");
        assertThat(record.get("action").asString()).isEqualTo("purge_user");
        assertThat(record.at("/diff/messages").asInt()).isEqualTo(2);
        assertThat(record.at("/diff/deliveries").asInt()).isEqualTo(1);

        // An admin can do the same; a viewer-level read is not enough for it.
        var byAdmin = client.request(
                "POST", "/api/audit/purge-user", "{\"userId\":\"" + other + "\"}", "Authorization", adminHeader());
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(count("select count(*) from event_message where user_id = ?", other))
                .isZero();
    }

    @Test
    void ruleChangesShowWhoChangedWhatWithTheDiff() {
        var client = new IntakeClient(port);
        String key = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        for (int total : new int[] {20, 50, 70}) {
            String rule =
                    "{\"key\":\"" + key + "\",\"name\":\"Audited\",\"enabled\":true,\"when\":{\"type\":[\"track\"],"
                            + "\"all\":[{\"path\":\"$.properties.total\",\"op\":\"gte\",\"value\":" + total + "}]},"
                            + "\"actions\":[{\"type\":\"trigger\",\"workflowId\":\"w\",\"to\":{\"subscriberId\":"
                            + "{\"@path\":\"$.userId\"}}}]}";
            String path = total == 20
                    ? "/api/rules?publish=true"
                    : "/api/rules/" + key + (total == 50 ? "?publish=true" : "");
            var saved = client.request(total == 20 ? "POST" : "PUT", path, rule, "Authorization", adminHeader());
            assertThat(saved.statusCode()).as(saved.body()).isBetween(200, 201);
        }
        assertThat(client.request("DELETE", "/api/rules/" + key, null, "Authorization", adminHeader())
                        .statusCode())
                .isBetween(200, 204);
        JsonNode audit = JSON.readTree(client.get("/api/audit/changes?kind=rule", "Authorization", adminHeader())
                .body());
        JsonNode second = null;
        JsonNode draft = null;
        JsonNode deleted = null;
        for (JsonNode change : audit.get("changes")) {
            String subject = change.get("subject").asString();
            if (subject.equals(key + " v2")) {
                second = change;
            } else if (subject.equals(key) && change.get("action").asString().equals("draft_saved")) {
                draft = change;
            } else if (subject.equals(key) && change.get("action").asString().equals("deleted")) {
                deleted = change;
            }
        }
        assertThat(draft).isNotNull();
        assertThat(draft.at("/diff/0/before").asInt()).isEqualTo(50);
        assertThat(draft.at("/diff/0/after").asInt()).isEqualTo(70);
        assertThat(deleted).isNotNull();
        assertThat(deleted.get("by").asString()).isEqualTo("admin");
        assertThat(second).isNotNull();
        assertThat(second.get("by").asString()).isEqualTo("admin");
        assertThat(second.get("diff")).hasSize(1);
        assertThat(second.at("/diff/0/path").asString()).isEqualTo("/when/all/0/value");
        assertThat(second.at("/diff/0/before").asInt()).isEqualTo(20);
        assertThat(second.at("/diff/0/after").asInt()).isEqualTo(50);
    }

    private int count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }

    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("test-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
