package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.config.LookupKeySql;
import dev.switchboard.ingest.SeenMessages.Copy;
import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.Migrations;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

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
        CompletableFuture<Copy[]> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            Copy[] copies = store(List.of(id), MONDAY);
            firstStored.countDown();
            awaitLatch(commitFirst);
            return copies;
        }));
        assertThat(firstStored.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Copy[]> second = CompletableFuture.supplyAsync(() ->
                transactions.execute(status -> store(List.of(id, "other-" + id), MONDAY)));

        // The second waits on the first's index entry until the first commits.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from pg_stat_activity"
                                        + " where datname = current_database() and wait_event_type = 'Lock'")
                                .query(Long.class)
                                .single()
                        > 0);
        commitFirst.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(Copy.FIRST);
        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
        Copy[] again = transactions.execute(status -> store(List.of(id, "other-" + id), MONDAY));
        assertThat(again).containsExactly(Copy.DUPLICATE, Copy.FIRST);
    }

    /**
     * A new installation's first minute: the lookup runs on an empty table, where a plan PostgreSQL caches for the
     * connection would scan the table, and keeps running while the table grows faster than autovacuum analyzes it.
     * Planned with the table as it is each time, it reads the index entries of its ids (the plan cached for the
     * empty table read every row, several times: 30 ms per lookup on a 60,000-row table).
     */
    @Test
    void aLookupFirstRunOnAnEmptyTableStillReadsTheIndexOnceTheTableGrew() {
        try (OneConnection db = OneConnection.toNewDatabase("seen_from_empty")) {
            SeenMessages lookups = new SeenMessages(db.jdbc());
            for (int i = 0; i < 20; i++) {
                assertThat(lookups.classify(SOURCE, List.of("early-" + i), MONDAY, WINDOW))
                        .containsExactly(Copy.FIRST);
            }
            insertMarks(db.jdbc(), SOURCE, 5_000);

            LookedUp lookedUp =
                    db.lookUp(() -> lookups.classify(SOURCE, List.of("mark-17", "mark-none"), MONDAY, WINDOW));

            assertThat(lookedUp.copies()).containsExactly(Copy.DUPLICATE, Copy.FIRST);
            assertThat(lookedUp.rowsRead())
                    .as("rows of event_message the lookup read: only the one it found")
                    .isEqualTo(1L);
        }
    }

    /**
     * A source that starts sending after the table's statistics were gathered: to PostgreSQL's statistics it has no
     * rows, so "this source's marks" looks like the cheapest thing to read first, and as a join the lookup read
     * every mark of the source from the unique index (its non-leading columns) and hashed them against the ids.
     * The load run showed it: 20 ms per lookup, at worst 462 ms, for the first seconds of every batch phase, until
     * autovacuum analyzed the table again; on a large table, which autovacuum analyzes after 10% more rows, that
     * would last hours. Looked up by key, the index is read where the ids are, whatever the statistics say.
     */
    @Test
    void aSourceTheStatisticsHaveNotSeenIsStillLookedUpByItsKeys() {
        try (OneConnection db = OneConnection.toNewDatabase("seen_new_source")) {
            insertMarks(db.jdbc(), "earlier", 2_000);
            db.jdbc().execute("analyze event_message");
            insertMarks(db.jdbc(), SOURCE, 30_000);
            SeenMessages lookups = new SeenMessages(db.jdbc());
            List<String> ids = new ArrayList<>(List.of("mark-17"));
            for (int i = 0; i < 200; i++) {
                ids.add("unseen-" + i);
            }

            LookedUp lookedUp = db.lookUp(() -> lookups.classify(SOURCE, ids, MONDAY, WINDOW));

            assertThat(lookedUp.copies()[0]).isEqualTo(Copy.DUPLICATE);
            assertThat(Arrays.copyOfRange(lookedUp.copies(), 1, ids.size())).containsOnly(Copy.FIRST);
            assertThat(lookedUp.rowsRead())
                    .as("rows of event_message the lookup read: only the one it found")
                    .isEqualTo(1L);
        }
    }

    /** Marked copies of {@code mark-1} to {@code mark-<count>} from the source, as intake stores them. */
    private static void insertMarks(JdbcTemplate jdbc, String source, int count) {
        jdbc.update(
                "insert into event_message (id, source, message_id, message_key, status, received_at, payload,"
                        + " first_copy) select gen_random_uuid(), ?, 'mark-' || n, "
                        + LookupKeySql.of("'mark-' || n", true)
                        + ", 'routed', ?, '{}', true from generate_series(1, ?) as n",
                source,
                MONDAY.atOffset(ZoneOffset.UTC),
                count);
    }

    /** What a lookup answered, and how many rows of {@code event_message} it read to answer. */
    private record LookedUp(Copy[] copies, long rowsRead) {}

    /**
     * A migrated database of its own on one connection (the plan a connection caches is what these tests are
     * about), with autovacuum off for the message table, so its statistics are only what a test gathers.
     */
    private record OneConnection(SingleConnectionDataSource dataSource, JdbcTemplate jdbc) implements AutoCloseable {

        static OneConnection toNewDatabase(String name) {
            String url = EmbeddedPostgresSupport.newDatabase(name);
            Migrations.migrate(new DriverManagerDataSource(url, "postgres", "postgres"));
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "postgres", "postgres", true);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("alter table event_message set (autovacuum_enabled = false)");
            return new OneConnection(dataSource, jdbc);
        }

        /** Runs the lookup in a transaction and counts the rows it read there (PostgreSQL's own statistics). */
        LookedUp lookUp(Supplier<Copy[]> lookup) {
            return new TransactionTemplate(new JdbcTransactionManager(dataSource)).execute(status -> {
                Copy[] copies = lookup.get();
                return new LookedUp(
                        copies,
                        jdbc.queryForObject(
                                "select seq_tup_read + idx_tup_fetch from pg_stat_xact_user_tables"
                                        + " where relname = 'event_message'",
                                Long.class));
            });
        }

        @Override
        public void close() {
            dataSource.destroy();
        }
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
