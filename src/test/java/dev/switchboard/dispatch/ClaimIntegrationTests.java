package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Deliveries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim on H2, where there is no SKIP LOCKED in use: eight claimers racing over one backlog each get
 * disjoint rows, every row is claimed once, and an unexpired lease is never taken.
 */
@SpringBootTest
@ActiveProfiles("test")
class ClaimIntegrationTests {

    @Autowired
    DeliveryStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** How many of {@code rows} are still pending (the shared test database holds other tests' rows too). */
    private int pending(List<UUID> rows) {
        return jdbc.sql("select count(*) from delivery where status = 'pending' and id in (:ids)")
                .param("ids", rows)
                .query(Integer.class)
                .single();
    }

    @Test
    void concurrentClaimersNeverClaimTheSameRow() throws Exception {
        Instant now = Instant.now();
        List<UUID> backlog = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 400; i++) {
                backlog.add(Deliveries.trigger("claim", null)
                        .createdAt(now.minusSeconds(10))
                        .insert(jdbc));
            }
        });
        UUID leased = Deliveries.trigger("claim", null)
                .claimed("someone-alive", now.plus(Duration.ofMinutes(5)))
                .insert(jdbc);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<UUID>>> claimers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String owner = "claimer-" + c;
            Callable<List<UUID>> claimer = () -> {
                List<UUID> mine = new ArrayList<>();
                // A claimer that loses a race gets nothing this round; it stops when nothing is left to claim.
                while (pending(backlog) > 0) {
                    Instant at = Instant.now();
                    store.claim(7, owner, at, at.plus(Duration.ofMinutes(1)), false)
                            .forEach(row -> mine.add(row.id()));
                }
                return mine;
            };
            claimers.add(pool.submit(claimer));
        }
        List<UUID> claimed = new ArrayList<>();
        int busy = 0;
        for (Future<List<UUID>> claimer : claimers) {
            List<UUID> mine = claimer.get();
            busy += mine.isEmpty() ? 0 : 1;
            claimed.addAll(mine);
        }
        pool.shutdown();

        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(backlog);
        assertThat(busy).as("the work was shared").isGreaterThan(1);
        assertThat(jdbc.sql("select claimed_by from delivery where id = :id")
                        .param("id", leased)
                        .query(String.class)
                        .single())
                .isEqualTo("someone-alive");
    }
}
