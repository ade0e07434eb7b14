package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.EmbeddedPostgresSupport;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same window on PostgreSQL, where a request's ids are marked by one {@code insert ... on conflict}, and two
 * instances storing the same messageId at the same moment: one gets it, the other waits and sees a duplicate.
 */
class SeenMessagesPostgresTests extends SeenMessagesIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "seen");
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void anIdMarkedByTwoTransactionsAtOnceIsNewForOnlyOne() throws Exception {
        String id = "race-" + UUID.randomUUID();
        CountDownLatch firstMarked = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<boolean[]> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            boolean[] fresh = seen.mark("race", List.of(id), MONDAY, WINDOW);
            firstMarked.countDown();
            awaitLatch(commitFirst);
            return fresh;
        }));
        assertThat(firstMarked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<boolean[]> second = CompletableFuture.supplyAsync(() ->
                transactions.execute(status -> seen.mark("race", List.of(id, "other-" + id), MONDAY, WINDOW)));

        // The second waits on the first's row lock until the first commits.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from pg_stat_activity"
                                        + " where datname = current_database() and wait_event_type = 'Lock'")
                                .query(Long.class)
                                .single()
                        > 0);
        commitFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(true);
        assertThat(second.get(30, TimeUnit.SECONDS)).containsExactly(false, true);
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
