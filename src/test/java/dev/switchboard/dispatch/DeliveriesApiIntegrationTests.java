package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Deliveries;
import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.IntakeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dead letters API over real HTTP: list with filters, retry one, retry many, and its door. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.dispatch.enabled=true", "switchboard.dispatch.poll-interval=20ms"})
@ActiveProfiles("test")
class DeliveriesApiIntegrationTests {

    static final FakeNovu novu = FakeNovu.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void novu(DynamicPropertyRegistry registry) {
        registry.add("switchboard.novu.base-url", novu::baseUrl);
        registry.add("switchboard.novu.api-key", () -> FakeNovu.API_KEY);
    }

    @AfterAll
    static void stopNovu() {
        novu.close();
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void listsNewestFirstWithFilters() {
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        UUID old = Deliveries.trigger("w", "u-list")
                .rule("list-rule")
                .createdAt(base)
                .status("dead")
                .insert(jdbc);
        UUID newer = Deliveries.trigger("w", "u-list")
                .rule("list-rule")
                .createdAt(base.plusSeconds(60))
                .status("dead")
                .insert(jdbc);
        Deliveries.trigger("w", "u-list")
                .rule("list-rule")
                .createdAt(base.plusSeconds(30))
                .status("delivered")
                .insert(jdbc);
        Deliveries.trigger("w", "u-else")
                .rule("other-rule")
                .createdAt(base)
                .status("dead")
                .insert(jdbc);

        JsonNode dead = get("/api/deliveries?status=dead&rule=list-rule");
        JsonNode sinceNewer = get("/api/deliveries?rule=list-rule&from=" + base.plusSeconds(30));
        JsonNode oneUser = get("/api/deliveries?user=u-list&to=" + base.plusSeconds(1) + "&limit=1");

        assertThat(dead.path("deliveries").valueStream().map(d -> d.path("id").asString()))
                .containsExactly(newer.toString(), old.toString());
        assertThat(sinceNewer.path("deliveries").size()).isEqualTo(2);
        assertThat(oneUser.path("deliveries")
                        .valueStream()
                        .map(d -> d.path("id").asString()))
                .containsExactly(old.toString());
        assertThat(dead.path("deliveries").get(0).path("status").asString()).isEqualTo("dead");
    }

    @Test
    void retriesOneDeadDeliveryWithItsStoredRequest() {
        var row = Deliveries.trigger("replayed", "u-replay").status("dead").attempts(25);
        UUID id = row.insert(jdbc);

        HttpResponse<String> response = post("/api/deliveries/" + id + "/retry", IntakeClient.adminHeader());

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(Deliveries.status(jdbc, id)));
        var sent = novu.received("POST", "/v1/events/trigger").stream()
                .filter(r -> row.idempotencyKey().equals(r.idempotencyKey()))
                .toList();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).body()).contains(row.transactionId());
        JsonNode detail = get("/api/deliveries/" + id);
        assertThat(detail.path("attempts").get(0).path("attempt").asInt()).isEqualTo(26);
        assertThat(detail.path("transactionId").asString()).isEqualTo(row.transactionId());
        assertThat(novu.violations()).isEmpty();
    }

    @Test
    void bulkRetryRequeuesTheDeadDeliveriesOfARuleSinceATime() {
        Instant since = Instant.now().minusSeconds(600);
        UUID a = Deliveries.trigger("bulk", "u-b1")
                .rule("bulk-rule")
                .status("dead")
                .insert(jdbc);
        UUID b = Deliveries.trigger("bulk", "u-b2")
                .rule("bulk-rule")
                .status("dead")
                .insert(jdbc);
        UUID before = Deliveries.trigger("bulk", "u-b3")
                .rule("bulk-rule")
                .createdAt(since.minusSeconds(60))
                .status("dead")
                .insert(jdbc);
        UUID failed = Deliveries.trigger("bulk", "u-b4")
                .rule("bulk-rule")
                .status("failed")
                .insert(jdbc);

        HttpResponse<String> response =
                post("/api/deliveries/retry?status=dead&rule=bulk-rule&from=" + since, IntakeClient.adminHeader());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).path("requeued").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "delivered".equals(Deliveries.status(jdbc, a))
                        && "delivered".equals(Deliveries.status(jdbc, b)));
        assertThat(Deliveries.status(jdbc, before)).isEqualTo("dead");
        assertThat(Deliveries.status(jdbc, failed)).isEqualTo("failed");
    }

    @Test
    void refusesWhatCannotBeDoneWithProblemDetails() {
        UUID delivered = Deliveries.trigger("w", "u-p").status("delivered").insert(jdbc);

        var conflict = post("/api/deliveries/" + delivered + "/retry", IntakeClient.adminHeader());
        var missing = post("/api/deliveries/" + UUID.randomUUID() + "/retry", IntakeClient.adminHeader());
        var badStatus =
                new IntakeClient(port).get("/api/deliveries?status=lost", "Authorization", IntakeClient.adminHeader());
        var badTime = new IntakeClient(port)
                .get("/api/deliveries?from=yesterday", "Authorization", IntakeClient.adminHeader());
        var bulkDelivered = post("/api/deliveries/retry?status=delivered", IntakeClient.adminHeader());

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(conflict.body()).contains("urn:switchboard:problem:not-retryable");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("urn:switchboard:problem:invalid-filter");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(bulkDelivered.statusCode()).isEqualTo(400);
    }

    @Test
    void requiresAnAdminLogin() {
        UUID dead = Deliveries.trigger("w", "u-auth").status("dead").insert(jdbc);

        var list = new IntakeClient(port).get("/api/deliveries");
        var retry = post("/api/deliveries/" + dead + "/retry", null);
        var wrong = post("/api/deliveries/retry", IntakeClient.basic("admin", "wrong-password"));

        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(retry.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Deliveries.status(jdbc, dead)).isEqualTo("dead");
    }

    private JsonNode get(String path) {
        var response = new IntakeClient(port).get(path, "Authorization", IntakeClient.adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String authorization) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
