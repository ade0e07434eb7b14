package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.Deliveries;
import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.FakeNovu.Reply;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What depends on time, on a clock the test moves: Retry-After, delays, cancels, the circuit's cool-down. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "switchboard.dispatch.enabled=true",
            "switchboard.dispatch.poll-interval=20ms",
            "switchboard.dispatch.initial-backoff=10ms",
            "switchboard.dispatch.max-backoff=50ms",
            "switchboard.dispatch.circuit-threshold=3",
            "switchboard.dispatch.circuit-cool-down=30s",
            "switchboard.dispatch.rate-limit.trigger=6000",
            "switchboard.dispatch.rate-limit.configuration=2000",
            "switchboard.dispatch.rate-limit.global=3000",
            "switchboard.novu.read-timeout=3s"
        })
@ActiveProfiles("test")
@Import(ScheduledDispatchIntegrationTests.Clocks.class)
class ScheduledDispatchIntegrationTests {

    static final FakeNovu novu = FakeNovu.start();

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }
    }

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

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @AfterEach
    void contractHeld() {
        assertThat(novu.violations()).isEmpty();
    }

    @Test
    void retryAfterIsHonouredBeforeTheNextAttempt() {
        novu.script(1, Reply.tooManyRequests(30));
        var row = Deliveries.trigger("rate-limited", "u-429").createdAt(clock.instant());
        UUID id = row.insert(jdbc);

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(id) == 1);
        Instant due = jdbc.sql("select due_at from delivery where id = :id")
                .param("id", id)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
        assertThat(due).isAfterOrEqualTo(clock.instant().plusSeconds(30));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> requests(row) == 1);

        clock.advance(Duration.ofSeconds(31));

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(Deliveries.status(jdbc, id)));
        assertThat(requests(row)).isEqualTo(2);
    }

    @Test
    void aDelayedDeliveryWaitsAndACancelByRuleCancelsItAndWhatWasDelivered() {
        Instant now = clock.instant();
        UUID scheduled = Deliveries.trigger("reminder", "u-cart")
                .rule("cart-reminder")
                .createdAt(now.minusSeconds(600))
                .dueAt(now.plus(Duration.ofHours(1)))
                .insert(jdbc);
        var sent = Deliveries.trigger("reminder-first", "u-cart")
                .rule("cart-reminder")
                .createdAt(now.minusSeconds(1200))
                .status("delivered");
        sent.insert(jdbc);
        UUID tooOld = Deliveries.trigger("reminder", "u-cart")
                .rule("cart-reminder")
                .createdAt(now.minus(Duration.ofHours(3)))
                .dueAt(now.plus(Duration.ofHours(1)))
                .insert(jdbc);
        UUID otherUser = Deliveries.trigger("reminder", "u-other")
                .rule("cart-reminder")
                .createdAt(now.minusSeconds(600))
                .dueAt(now.plus(Duration.ofHours(1)))
                .insert(jdbc);
        UUID otherRule = Deliveries.trigger("other", "u-cart")
                .rule("another-rule")
                .createdAt(now.minusSeconds(600))
                .dueAt(now.plus(Duration.ofHours(1)))
                .insert(jdbc);
        // A later delivery of the same user is not held back by one merely scheduled for later.
        UUID identify =
                Deliveries.identify("u-cart").createdAt(now.minusSeconds(300)).insert(jdbc);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(Deliveries.status(jdbc, identify)));
        assertThat(Deliveries.status(jdbc, scheduled)).isEqualTo("pending");

        UUID cancel = Deliveries.cancelRule("cart-reminder", Duration.ofHours(2), "u-cart")
                .rule("order-completed")
                .createdAt(now)
                .insert(jdbc);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> novu.cancelledTransactions().contains(sent.transactionId()));
        assertThat(Deliveries.status(jdbc, cancel)).isEqualTo("delivered");
        assertThat(Deliveries.status(jdbc, scheduled)).isEqualTo("cancelled");
        assertThat(Deliveries.status(jdbc, tooOld)).isEqualTo("pending");
        assertThat(Deliveries.status(jdbc, otherUser)).isEqualTo("pending");
        assertThat(Deliveries.status(jdbc, otherRule)).isEqualTo("pending");

        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "delivered".equals(Deliveries.status(jdbc, otherUser))
                        && "delivered".equals(Deliveries.status(jdbc, tooOld))
                        && "delivered".equals(Deliveries.status(jdbc, otherRule)));
        assertThat(Deliveries.status(jdbc, scheduled)).isEqualTo("cancelled");
        assertThat(novu.received("POST", "/v1/events/trigger").stream()
                        .filter(r -> r.body().contains("u-cart") && r.body().contains("\"reminder\"")))
                .as("only the delivery outside the window went out")
                .hasSize(1);
    }

    @Test
    void aDeliveryDelayedPastTheMaximumAgeStillGetsItsRetries() {
        Instant now = clock.instant();
        novu.script(1, Reply.status(503));
        // Written six hours ago with a six-hour delay: the 4-hour budget starts now, when it becomes due.
        UUID id = Deliveries.trigger("six-hours-later", "u-late")
                .createdAt(now.minus(Duration.ofHours(6)))
                .dueAt(now)
                .insert(jdbc);

        // Generous bounds: on a loaded 2-core machine the first poll can take seconds; the await ends when it is done.
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(id) >= 1);
        // Not dead after its first failure. The retry may already be out: a jittered backoff of at most 10 ms is
        // 0 ms one time in ten, and then the retry is due at once even on this clock that does not move.
        assertThat(Deliveries.status(jdbc, id)).isIn("pending", "sending", "delivered");
        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(Deliveries.status(jdbc, id)));
        assertThat(attempts(id)).isEqualTo(2);
    }

    @Test
    void aCancelByRuleWithoutUserIdCancelsNothing() {
        Instant now = clock.instant();
        UUID scheduled = Deliveries.trigger("nightly", null)
                .rule("nightly-digest")
                .createdAt(now.minusSeconds(60))
                .dueAt(now.plus(Duration.ofHours(5)))
                .insert(jdbc);
        UUID cancel = Deliveries.cancelRule("nightly-digest", Duration.ofHours(2), null)
                .createdAt(now)
                .insert(jdbc);

        await().atMost(Duration.ofSeconds(10)).until(() -> "invalid".equals(Deliveries.status(jdbc, cancel)));
        assertThat(Deliveries.status(jdbc, scheduled)).isEqualTo("pending");
    }

    @Test
    void persistentNovuFailuresOpenTheCircuitAndTheCoolDownEndsWithOneTrial() {
        var client = new IntakeClient(port);
        novu.script(3, Reply.status(503));
        UUID id = Deliveries.trigger("circuit", "u-circuit")
                .createdAt(clock.instant())
                .insert(jdbc);
        for (int failures = 1; failures <= 3; failures++) {
            int expected = failures;
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(id) >= expected);
            // The backoff is at most 50 ms: a second later the retry is due.
            clock.advance(Duration.ofSeconds(1));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(client.get("/actuator/health").body()).contains("OUT_OF_SERVICE"));
        assertThat(client.get("/actuator/health").statusCode()).isEqualTo(503);
        assertThat(meters.get("switchboard.dispatch.circuit.open").gauge().value())
                .isEqualTo(1.0);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> attempts(id) == 3);
        assertThat(Deliveries.status(jdbc, id)).isEqualTo("pending");

        clock.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(Deliveries.status(jdbc, id)));
        assertThat(attempts(id)).isEqualTo(4);
        assertThat(client.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(meters.get("switchboard.dispatch.circuit.open").gauge().value())
                .isEqualTo(0.0);
    }

    private int attempts(UUID id) {
        return jdbc.sql("select count(*) from delivery_attempt where delivery_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    private long requests(Deliveries row) {
        return novu.received().stream()
                .filter(r -> row.idempotencyKey().equals(r.idempotencyKey()))
                .count();
    }
}
