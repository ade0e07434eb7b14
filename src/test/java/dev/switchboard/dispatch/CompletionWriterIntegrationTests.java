package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Deliveries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Workers' results recorded together (group commit) keep the rules of one at a time: a result counts only while
 * its worker still holds the claim, and each recorded result has exactly its one attempt.
 */
@SpringBootTest
@ActiveProfiles("test")
class CompletionWriterIntegrationTests {

    private static final String OWNER = "completion-test-" + UUID.randomUUID();

    @Autowired
    DeliveryStore store;

    @Autowired
    CompletionWriter completions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void resultsRecordedInOneTransactionEachCountOnlyForTheirOwnClaim() {
        Instant now = Instant.now();
        UUID mine = claimedBy(OWNER, now);
        UUID alsoMine = claimedBy(OWNER, now);
        UUID takenOver = claimedBy("another-instance", now);

        List<Object> recorded =
                store.recordAll(List.of(completing(mine, now), completing(takenOver, now), completing(alsoMine, now)));

        assertThat(recorded).containsExactly(true, false, true);
        assertThat(Deliveries.status(jdbc, mine)).isEqualTo("delivered");
        assertThat(Deliveries.status(jdbc, alsoMine)).isEqualTo("delivered");
        assertThat(Deliveries.status(jdbc, takenOver)).isEqualTo("sending");
        assertThat(attempts(mine)).isEqualTo(1);
        assertThat(attempts(takenOver)).isZero();
    }

    @Test
    void workersHandingResultsOverTogetherAreEachAnsweredOnceTheirResultIsCommitted() throws Exception {
        Instant now = Instant.now();
        List<UUID> claimed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            claimed.add(claimedBy(OWNER, now));
        }
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (UUID id : claimed) {
                answers.add(workers.submit(
                        () -> completions.complete(completing(id, now)).join()));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            workers.shutdownNow();
        }
        for (UUID id : claimed) {
            assertThat(Deliveries.status(jdbc, id)).isEqualTo("delivered");
            assertThat(attempts(id)).isEqualTo(1);
        }
    }

    @Test
    void aCancelByRuleSharesTheTransactionOfOtherResultsAndCancelsOnlyWhileItsRowIsHeld() {
        Instant now = Instant.now();
        String user = "cancel-user-" + UUID.randomUUID();
        UUID scheduled = Deliveries.trigger("reminder", user)
                .rule("cart-reminder")
                .createdAt(now.minusSeconds(60))
                .dueAt(now.plus(Duration.ofHours(1)))
                .insert(jdbc);
        UUID lost = Deliveries.cancelRule("cart-reminder", Duration.ofHours(2), user)
                .rule("order-completed")
                .createdAt(now)
                .claimed("another-instance", now.plus(Duration.ofMinutes(5)))
                .insert(jdbc);
        UUID held = Deliveries.cancelRule("cart-reminder", Duration.ofHours(2), user)
                .rule("order-completed")
                .createdAt(now)
                .claimed(OWNER, now.plus(Duration.ofMinutes(5)))
                .insert(jdbc);
        UUID trigger = claimedBy(OWNER, now);

        List<Object> recorded = store.recordAll(
                List.of(cancelling(lost, user, now), completing(trigger, now), cancelling(held, user, now)));

        assertThat(recorded.get(0)).isEqualTo(Optional.empty());
        assertThat(recorded.get(1)).isEqualTo(true);
        assertThat(recorded.get(2))
                .asInstanceOf(InstanceOfAssertFactories.OPTIONAL)
                .hasValueSatisfying(counts -> assertThat((int[]) counts).containsExactly(1, 0));
        assertThat(Deliveries.status(jdbc, lost)).isEqualTo("sending");
        assertThat(attempts(lost)).isZero();
        assertThat(Deliveries.status(jdbc, held)).isEqualTo("delivered");
        assertThat(attempts(held)).isEqualTo(1);
        assertThat(jdbc.sql("select response_excerpt from delivery_attempt where delivery_id = :id")
                        .param("id", held)
                        .query(String.class)
                        .single())
                .isEqualTo("cancelled 1 scheduled, asked Novu to cancel 0");
        assertThat(jdbc.sql("select attempts from delivery where id = :id")
                        .param("id", held)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(Deliveries.status(jdbc, scheduled)).isEqualTo("cancelled");
        assertThat(Deliveries.status(jdbc, trigger)).isEqualTo("delivered");
    }

    private DeliveryStore.CancellingByRule cancelling(UUID id, String user, Instant now) {
        Delivery local = store.get(id).orElseThrow();
        return new DeliveryStore.CancellingByRule(
                local,
                OWNER,
                "cart-reminder",
                user,
                local.createdAt().minus(Duration.ofHours(2)),
                now,
                DeliveryProcessor::cancelKey);
    }

    private UUID claimedBy(String owner, Instant now) {
        return Deliveries.trigger("completion", "completion-user-" + UUID.randomUUID())
                .claimed(owner, now.plus(Duration.ofMinutes(5)))
                .insert(jdbc);
    }

    private DeliveryStore.Completing completing(UUID id, Instant now) {
        Delivery delivery = store.get(id).orElseThrow();
        DeliveryStore.Completion delivered = new DeliveryStore.Completion(
                Delivery.DELIVERED,
                null,
                201,
                null,
                "novu-" + id,
                new DeliveryStore.Attempt(now, 201, 5, Delivery.DELIVERED, "{\"data\":{}}", null));
        return new DeliveryStore.Completing(delivery, OWNER, now, delivered);
    }

    private int attempts(UUID id) {
        return jdbc.sql("select count(*) from delivery_attempt where delivery_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }
}
