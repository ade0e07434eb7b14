package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SegmentWebhookIntegrationTests {

    private static final String SECRET = "test-webhook-secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private IntakeClient client;

    @BeforeEach
    void setUp() {
        client = new IntakeClient(port);
    }

    @Test
    void acceptsSignedMessageAndKeepsSegmentsOwnTimestamps() {
        String body = SegmentSamples.text("track-user-abandoned-cart.json")
                .replace("ajs-next-1f6f3f0e8b2c4c1a9e7d", "wh-" + UUID.randomUUID());

        var response =
                client.post("/webhooks/segment", body, "X-Signature", sign(body), "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
        String payload = jdbc.sql("select payload from event_message where message_id like 'wh-%' and source = ?")
                .param("segment-webhook")
                .query(String.class)
                .list()
                .get(0);
        assertThat(payload).contains("\"receivedAt\":\"2026-11-27T18:21:05.002Z\"");
    }

    @Test
    void acceptsGdprDeleteMessages() {
        String body = SegmentSamples.text("delete.json").replace("delete-8a01", "delete-" + UUID.randomUUID());

        var response = client.post("/webhooks/segment", body, "X-Signature", sign(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql(
                                "select count(*) from event_message where type = 'delete' and status in ('routed', 'no_match')")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void refusesWrongOrMissingSignature() {
        String body = SegmentSamples.text("identify.json");
        long before = storedCount();

        var wrong = client.post("/webhooks/segment", body, "X-Signature", sign(body + " "));
        var missing = client.post("/webhooks/segment", body);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("does not match");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("no X-Signature");
        assertThat(storedCount()).isEqualTo(before);
    }

    @Test
    void writeKeysDoNotOpenTheWebhook() {
        var response = client.post(
                "/webhooks/segment",
                SegmentSamples.text("identify.json"),
                "Authorization",
                IntakeClient.writeKeyHeader());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private long storedCount() {
        return jdbc.sql("select count(*) from event_message").query(Long.class).single();
    }

    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
