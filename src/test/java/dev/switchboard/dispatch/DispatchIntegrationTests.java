package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.message.LookupKeys;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.FakeNovu.Reply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dispatcher against a fake Novu over real HTTP, on the real clock with short backoffs. */
@SpringBootTest(
        properties = {
            "switchboard.dispatch.enabled=true",
            "switchboard.dispatch.poll-interval=20ms",
            "switchboard.dispatch.initial-backoff=10ms",
            "switchboard.dispatch.max-backoff=50ms",
            "switchboard.dispatch.max-attempts=4",
            "switchboard.dispatch.rate-limit.trigger=1000",
            "switchboard.dispatch.rate-limit.configuration=1000",
            "switchboard.novu.read-timeout=3s"
        })
@ActiveProfiles("test")
class DispatchIntegrationTests {

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

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void contractHeld() {
        assertThat(novu.violations()).isEmpty();
    }

    @Test
    void retriesThenSuccessGiveExactlyOneAcceptedTrigger() {
        double deliveredBefore = deliveriesCounted("delivered");
        novu.script(2, Reply.status(503));
        var row = Deliveries.trigger("retry-workflow", "u-retry");
        UUID id = row.insert(jdbc);

        awaitStatus(id, "delivered");
        // Counted once its result is committed, on the completion writer's thread, not the worker's.
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesCounted("delivered") == deliveredBefore + 1);

        assertThat(novu.accepted(row.transactionId())).isEqualTo(1);
        assertThat(attemptOutcomes(id)).containsExactly("retry", "retry", "delivered");
        assertThat(novu.received("POST", "/v1/events/trigger").stream()
                        .filter(r -> row.idempotencyKey().equals(r.idempotencyKey()))
                        .map(FakeNovu.Received::body)
                        .distinct())
                .as("every attempt sends the same bytes with the same Idempotency-Key")
                .hasSize(1);
        assertThat(jdbc.sql("select novu_transaction_id from delivery where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(row.transactionId());
    }

    @Test
    void anAnswerLostAfterNovuAcceptedIsRetriedWithoutASecondNotification() {
        novu.script(1, Reply.acceptThenDrop());
        var row = Deliveries.trigger("lost-answer", "u-lost");
        UUID id = row.insert(jdbc);

        awaitStatus(id, "delivered");

        assertThat(novu.accepted(row.transactionId())).isEqualTo(1);
        assertThat(attemptOutcomes(id)).containsExactly("retry", "delivered");
    }

    @Test
    void clientErrorsAreNeverRetried() {
        novu.missingWorkflow("no-such-workflow");
        UUID missing = Deliveries.trigger("no-such-workflow", "u-4xx").insert(jdbc);
        awaitStatus(missing, "failed");
        novu.script(1, Reply.status(400));
        UUID rejected = Deliveries.trigger("bad-request", "u-4xx").insert(jdbc);
        awaitStatus(rejected, "failed");

        assertThat(attemptOutcomes(missing)).containsExactly("permanent");
        assertThat(attemptOutcomes(rejected)).containsExactly("permanent");
        assertThat(lastError(missing)).isEqualTo("workflow_not_found: no-such-workflow");
        assertThat(lastError(rejected)).startsWith("HTTP 400");
    }

    @Test
    void aTriggerNovuDoesNotProcessFailsWithItsStatus() {
        novu.workflowStatus("inactive-workflow", "trigger_not_active");
        UUID id = Deliveries.trigger("inactive-workflow", "u-inactive").insert(jdbc);

        awaitStatus(id, "failed");

        assertThat(lastError(id)).startsWith("trigger_not_active");
    }

    @Test
    void persistentFailureEndsDeadAfterTheMaximumAttempts() {
        novu.script(4, Reply.status(500));
        UUID id = Deliveries.trigger("always-down", "u-dead").insert(jdbc);

        awaitStatus(id, "dead");

        assertThat(attemptOutcomes(id)).hasSize(4);
        assertThat(lastError(id)).startsWith("gave up after 4 attempts: HTTP 500");
    }

    @Test
    void deliveriesOfOneUserGoOutInTheOrderTheirMessagesArrived() {
        Instant base = Instant.now().minusSeconds(5);
        // The identify fails twice first: the trigger that relies on it must wait, not overtake it.
        novu.script(2, Reply.status(503));
        List<UUID> ids = List.of(
                Deliveries.identify("u-order").createdAt(base).insert(jdbc),
                Deliveries.trigger("order-1", "u-order")
                        .createdAt(base.plusMillis(1))
                        .insert(jdbc),
                Deliveries.trigger("order-2", "u-order")
                        .createdAt(base.plusMillis(2))
                        .insert(jdbc),
                Deliveries.addToTopic("order-topic", "u-order")
                        .createdAt(base.plusMillis(3))
                        .insert(jdbc));
        jdbc.sql("update delivery set user_id = 'u-order', user_key = :key where id = :id")
                .param("key", LookupKeys.keyOf("u-order"))
                .param("id", ids.get(3))
                .update();

        ids.forEach(id -> awaitStatus(id, "delivered"));

        List<String> paths = novu.received().stream()
                .filter(r -> r.status() < 300)
                .filter(r -> r.body() != null && (r.body().contains("u-order")))
                .map(r -> r.path()
                        + (r.body().contains("order-1") ? "#1" : r.body().contains("order-2") ? "#2" : ""))
                .toList();
        assertThat(paths)
                .containsExactly(
                        "/v2/subscribers",
                        "/v1/events/trigger#1",
                        "/v1/events/trigger#2",
                        "/v2/topics/order-topic/subscriptions");
    }

    @Test
    void topicErrorsAreRecordedOnADeliveredSubscription() {
        novu.topicErrors(id -> id.startsWith("ghost"));
        UUID id = Deliveries.addToTopic("partial", "u-real", "ghost-1").insert(jdbc);

        awaitStatus(id, "delivered");

        assertThat(lastError(id)).startsWith("partial errors:").contains("ghost-1");
    }

    @Test
    void cancelByTransactionCancelsLocallyAndAtNovu() {
        var scheduled =
                Deliveries.trigger("later", "u-cancel-tx").dueAt(Instant.now().plusSeconds(3600));
        UUID scheduledId = scheduled.insert(jdbc);
        UUID cancel = Deliveries.cancelTransaction(scheduled.transactionId(), "u-cancel-tx")
                .insert(jdbc);

        awaitStatus(cancel, "delivered");

        assertThat(Deliveries.status(jdbc, scheduledId)).isEqualTo("cancelled");
        assertThat(novu.cancelledTransactions()).contains(scheduled.transactionId());
    }

    private double deliveriesCounted(String status) {
        Counter counter = meters.find("switchboard.dispatch.deliveries")
                .tag("status", status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitStatus(UUID id, String status) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(Deliveries.status(jdbc, id)).isEqualTo(status));
    }

    private List<String> attemptOutcomes(UUID id) {
        return jdbc.sql("select outcome from delivery_attempt where delivery_id = :id order by attempt")
                .param("id", id)
                .query(String.class)
                .list();
    }

    private String lastError(UUID id) {
        return jdbc.sql("select last_error from delivery where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
