package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole path with the example rules: Segment messages over HTTP → intake → rules → outbox → dispatcher →
 * a fake Novu that checks every request against Novu's OpenAPI description.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "switchboard.examples.load=true",
            "switchboard.dispatch.enabled=true",
            "switchboard.dispatch.poll-interval=20ms",
            "switchboard.dispatch.rate-limit.trigger=1000",
            "switchboard.dispatch.rate-limit.configuration=1000"
        })
@ActiveProfiles("test")
class EndToEndIntegrationTests {

    static final FakeNovu novu = FakeNovu.start();

    @DynamicPropertySource
    static void novu(DynamicPropertyRegistry registry) {
        registry.add("switchboard.novu.base-url", novu::baseUrl);
        registry.add("switchboard.novu.api-key", () -> FakeNovu.API_KEY);
    }

    @AfterAll
    static void stopNovu() {
        novu.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void segmentMessagesBecomeExactlyOneNovuCallEachAndCompletedOrdersCancelTheReminder() {
        var client = new IntakeClient(port);
        String batch = "{\"batch\": ["
                + String.join(
                        ",",
                        List.of(
                                SegmentSamples.text("identify.json"),
                                SegmentSamples.text("track-user-abandoned-cart.json"),
                                SegmentSamples.text("track-checkout-started.json"),
                                SegmentSamples.text("group.json")))
                + "]}";

        var first = client.post("/v1/batch", batch, "Authorization", IntakeClient.writeKeyHeader());
        var completed = client.post(
                "/v1/batch",
                "{\"batch\": [" + SegmentSamples.text("track-order-completed.json") + "]}",
                "Authorization",
                IntakeClient.writeKeyHeader());
        var redelivered = client.post("/v1/batch", batch, "Authorization", IntakeClient.writeKeyHeader());

        assertThat(first.body()).contains("\"accepted\":4");
        assertThat(completed.body()).contains("\"accepted\":1");
        assertThat(redelivered.body()).contains("\"duplicates\":4");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(statuses())
                        .containsEntry("subscriber-upsert", "delivered")
                        .containsEntry("welcome-new-user", "delivered")
                        .containsEntry("abandoned-cart-recovery", "delivered")
                        .containsEntry("group-topic-membership", "delivered")
                        .containsEntry("checkout-reminder", "cancelled"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from delivery where rule_key ="
                                        + " 'order-confirmation' and status = 'delivered'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(3));

        assertThat(novu.violations()).isEmpty();
        assertThat(novu.acceptedTriggers().values()).allMatch(count -> count == 1);
        assertThat(novu.acceptedTriggers().keySet()).contains("welcome-63da8ee0c037e013fd790ffd", "order-o-5001");
        assertThat(novu.received("POST", "/v2/subscribers")).hasSize(1);
        assertThat(novu.received("POST", "/v2/topics/account-acct-0042/subscriptions"))
                .hasSize(1);
        assertThat(novu.received("POST", "/v1/events/trigger"))
                .extracting(request -> request.body())
                .anySatisfy(body -> assertThat(body).contains("\"name\":\"abandoned-cart-recovery-workflow\""))
                .noneSatisfy(body -> assertThat(body).contains("\"name\":\"checkout-reminder\""));
    }

    private Map<String, String> statuses() {
        return jdbc
                .sql("select rule_key, status from delivery where rule_key <> 'order-confirmation'")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a + "," + b));
    }
}
