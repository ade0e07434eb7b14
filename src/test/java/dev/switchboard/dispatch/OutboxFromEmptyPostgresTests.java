package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.LookupKeySql;
import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.Migrations;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new installation's first minute on PostgreSQL: the outbox grows from empty faster than autovacuum first
 * analyzes it, and a statement first run on the empty table may be planned for it for the connection (one
 * connection here, so that every run goes to the session that would keep that plan). A cancel by transactionId
 * must still read only the rows it is about.
 */
class OutboxFromEmptyPostgresTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private SingleConnectionDataSource connection;
    private JdbcTemplate jdbc;
    private DeliveryStore store;
    private TransactionTemplate transactions;

    @BeforeEach
    void freshDatabase() {
        // A database of its own per test: each begins with an empty outbox.
        String url = EmbeddedPostgresSupport.newDatabase("outbox_from_empty_" + DATABASES.incrementAndGet());
        Migrations.migrate(new DriverManagerDataSource(url, "postgres", "postgres"));
        connection = new SingleConnectionDataSource(url, "postgres", "postgres", true);
        jdbc = new JdbcTemplate(connection);
        jdbc.execute("alter table delivery set (autovacuum_enabled = false)");
        transactions = new TransactionTemplate(new JdbcTransactionManager(connection));
        store = new DeliveryStore(JdbcClient.create(connection), transactions, connection);
    }

    @AfterEach
    void close() {
        connection.destroy();
    }

    @Test
    void aCancelByTransactionFirstRunOnAnEmptyOutboxReadsOnlyItsRowsOnceTheOutboxGrew() {
        for (int i = 0; i < 20; i++) {
            assertThat(store.cancelPendingByTransaction("early-" + i, UUID.randomUUID(), NOW, "test"))
                    .isZero();
        }
        jdbc.update("insert into delivery (id, event_id, source, message_id, rule_key, rule_version, action_index,"
                + " action_type, user_id, method, path, body, transaction_id, idempotency_key, status, attempts,"
                + " created_at, due_at, user_key, transaction_key) select gen_random_uuid(), gen_random_uuid(), 'web',"
                + " 'm-' || n, 'rule', 1, 0, 'trigger', 'user-' || (n % 500), 'POST', '/v1/events/trigger', '{}',"
                + " 'tx-' || n, 'key-' || n, 'pending', 0, now(), now(), "
                + LookupKeySql.of("'user-' || (n % 500)", true)
                + ", " + LookupKeySql.of("'tx-' || n", true) + " from generate_series(1, 5000) as n");

        List<Long> counts = transactions.execute(status -> List.of(
                (long) store.cancelPendingByTransaction("tx-17", UUID.randomUUID(), NOW, "test"),
                jdbc.queryForObject(
                        "select seq_tup_read + idx_tup_fetch from pg_stat_xact_user_tables where relname = 'delivery'",
                        Long.class)));

        assertThat(counts.get(0)).as("rows cancelled").isEqualTo(1L);
        assertThat(counts.get(1))
                .as("rows of the outbox the cancel read: only its own")
                .isEqualTo(1L);
    }
}
