package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Prometheus endpoint and its two keys (the metrics token, an admin login), and what health shows. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "switchboard.metrics.token=test-metrics-token-0123456789")
@ActiveProfiles("test")
class ObservabilityIntegrationTests {

    private static final String BEARER = "Bearer test-metrics-token-0123456789";

    @LocalServerPort
    int port;

    @Test
    void prometheusOpensToTheTokenOrAnAdminAndShowsTheSwitchboardMetrics() {
        var client = new IntakeClient(port);
        client.post("/v1/track", "{\"userId\":\"metrics-1\",\"event\":\"Metered\"}", "Authorization", writeKeyHeader());

        var scrape = client.get("/actuator/prometheus", "Authorization", BEARER);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("switchboard_messages_received_total{", "source=\"web\"", "type=\"track\"")
                .contains("switchboard_outbox_backlog", "switchboard_outbox_oldest_due_age_seconds");
        assertThat(client.get("/actuator/prometheus", "Authorization", adminHeader())
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.get("/actuator/prometheus", "Authorization", "Bearer wrong-token")
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        // The token opens the scrape and nothing else.
        assertThat(client.get("/actuator/info", "Authorization", BEARER).statusCode())
                .isEqualTo(401);
        assertThat(client.get("/api/events", "Authorization", BEARER).statusCode())
                .isEqualTo(401);
    }

    @Test
    void healthIsPublicAndItsDetailsAreForAdmins() {
        var client = new IntakeClient(port);
        var open = client.get("/actuator/health");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).doesNotContain("components");
        JsonNode health = JsonMapper.builder()
                .build()
                .readTree(client.get("/actuator/health", "Authorization", adminHeader())
                        .body());
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/outbox/details/backlog").isNumber()).isTrue();
        assertThat(health.at("/components/novu/status").asString()).isEqualTo("UP");
    }
}
