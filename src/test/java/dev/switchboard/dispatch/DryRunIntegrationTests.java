package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Deliveries;
import dev.switchboard.support.FakeNovu;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without a Novu API key nothing is sent: each delivery is recorded with its exact request as a dry run. */
@SpringBootTest(properties = {"switchboard.dispatch.enabled=true", "switchboard.dispatch.poll-interval=20ms"})
@ActiveProfiles("test")
class DryRunIntegrationTests {

    static final FakeNovu novu = FakeNovu.start();

    @DynamicPropertySource
    static void novu(DynamicPropertyRegistry registry) {
        registry.add("switchboard.novu.base-url", novu::baseUrl);
        registry.add("switchboard.novu.api-key", () -> "");
    }

    @AfterAll
    static void stopNovu() {
        novu.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordsTheExactRequestAndSendsNothing() {
        var trigger = Deliveries.trigger("welcome", "u-dry");
        UUID id = trigger.insert(jdbc);
        UUID identify = Deliveries.identify("u-dry").insert(jdbc);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "dry_run".equals(Deliveries.status(jdbc, id))
                        && "dry_run".equals(Deliveries.status(jdbc, identify)));

        Map<String, Object> attempt = jdbc.sql(
                        "select outcome, response_excerpt from delivery_attempt where delivery_id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(attempt.get("outcome")).isEqualTo("dry_run");
        assertThat((String) attempt.get("response_excerpt"))
                .isEqualTo("POST /v1/events/trigger "
                        + jdbc.sql("select body from delivery where id = :id")
                                .param("id", id)
                                .query(String.class)
                                .single());
        assertThat(novu.received()).isEmpty();
    }
}
