package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.EmbeddedPostgresSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same window on PostgreSQL, and two instances storing the same new messageId at the same moment: both find it
 * new, the second insert waits for the first transaction and is refused once it commits, and the second's next
 * attempt (intake runs the transaction again) finds the id as a duplicate.
 */
class SeenMessagesPostgresTests extends SeenMessagesIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "seen");
    }

    @Override
    void beforePlanning() {
        jdbc.sql("set local enable_seqscan = off").update();
    }

    @Test
    void anIdStoredByTwoTransactionsAtOnceIsNewForOnlyOne() throws Exception {
        String id = "race-" + UUID.randomUUID();
        CountDownLatch firstStored = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<boolean[]> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            boolean[] fresh = store(List.of(id), MONDAY);
            firstStored.countDown();
            awaitLatch(commitFirst);
            return fresh;
        }));
        assertThat(firstStored.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<boolean[]> second = CompletableFuture.supplyAsync(() ->
                transactions.execute(status -> store(List.of(id, "other-" + id), MONDAY)));

        // The second waits on the first's index entry until the first commits.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from pg_stat_activity"
                                        + " where datname = current_database() and wait_event_type = 'Lock'")
                                .query(Long.class)
                                .single()
                        > 0);
        commitFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(true);
        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
        boolean[] again = transactions.execute(status -> store(List.of(id, "other-" + id), MONDAY));
        assertThat(again).containsExactly(false, true);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the second transaction never waited for the first");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
