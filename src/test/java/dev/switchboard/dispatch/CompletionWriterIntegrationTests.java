package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Deliveries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

        List<Boolean> recorded = store.completeAll(
                List.of(completing(mine, now), completing(takenOver, now), completing(alsoMine, now)));

        assertThat(recorded).containsExactly(true, false, true);
        assertThat(Deliveries.status(jdbc, mine)).isEqualTo("delivered");
        assertThat(Deliveries.status(jdbc, alsoMine)).isEqualTo("delivered");
        assertThat(Deliveries.status(jdbc, takenOver)).isEqualTo("sending");
        assertThat(attempts(mine)).isEqualTo(1);
        assertThat(attempts(takenOver)).isZero();
    }

    @Test
    void workersFinishingTogetherAreEachAnsweredOnceTheirResultIsCommitted() throws Exception {
        Instant now = Instant.now();
        List<UUID> claimed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            claimed.add(claimedBy(OWNER, now));
        }
        ExecutorService workers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (UUID id : claimed) {
                answers.add(workers.submit(() -> completions.complete(completing(id, now))));
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
