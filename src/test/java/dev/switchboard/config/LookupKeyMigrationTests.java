package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.message.LookupKeys;
import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.Migrations;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration 70 gives the messages and deliveries stored before it their lookup keys, on both databases, and V71's
 * indexes then find them by key. The keys are filled a page at a time: more than a page of messages.
 */
class LookupKeyMigrationTests {

    /** More than one of the migration's pages of 10,000 rows. */
    private static final int MESSAGES = 10_003;

    @Test
    void addsAndFillsTheKeysOfEarlierRowsOnH2() {
        fillsTheKeys(new DriverManagerDataSource(
                "jdbc:h2:mem:lookup-backfill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @Test
    void addsAndFillsTheKeysOfEarlierRowsOnPostgres() {
        fillsTheKeys(new DriverManagerDataSource(
                EmbeddedPostgresSupport.newDatabase("lookup_backfill"), "postgres", "postgres"));
    }

    /**
     * A run stopped after the columns were added and part of the rows filled (here on H2, where DDL commits at once,
     * as each page of the fill does) goes on at the next start: no second ALTER, the rest filled.
     */
    @Test
    void aRunThatStoppedHalfWayGoesOnWhereItStopped() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:lookup-resume-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        fillsTheKeys(dataSource, () -> {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("alter table event_message add (message_key bigint, user_key bigint, anonymous_key bigint)")
                    .update();
            jdbc.sql("alter table delivery add (transaction_key bigint, user_key bigint)")
                    .update();
            jdbc.sql("update event_message set message_key = " + LookupKeySql.of("message_id", false) + ", user_key = "
                            + LookupKeySql.of("user_id", false) + ", anonymous_key = "
                            + LookupKeySql.of("anonymous_id", false) + " where message_id like 'm-1%'")
                    .update();
        });
    }

    private static void fillsTheKeys(DataSource dataSource) {
        fillsTheKeys(dataSource, () -> {});
    }

    private static void fillsTheKeys(DataSource dataSource, Runnable beforeMigrating) {
        Migrations.migrate(dataSource, "60");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<UUID> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int n = 0; n < MESSAGES; n++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new Object[] {
                id,
                "m-" + n,
                n % 3 == 0 ? null : "user-" + (n % 40),
                "anon-" + n,
                Instant.parse("2026-11-20T08:00:00Z").atOffset(ZoneOffset.UTC)
            });
        }
        new JdbcTemplate(dataSource)
                .batchUpdate(
                        "insert into event_message (id, source, message_id, user_id, anonymous_id, status,"
                                + " received_at, payload) values (?, 'web', ?, ?, ?, 'routed', ?, '{}')",
                        rows,
                        new int[] {
                            Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE
                        });
        jdbc.sql("insert into delivery (id, event_id, source, message_id, rule_key, rule_version, action_index,"
                        + " action_type, user_id, method, path, transaction_id, idempotency_key, status, attempts,"
                        + " created_at, due_at) values (:id, :event, 'web', 'm-1', 'rule', 1, 0, 'trigger', 'user-1',"
                        + " 'POST', '/v1/events/trigger', 'tx-1', 'key-1', 'pending', 0, :at, :at)")
                .param("id", UUID.randomUUID())
                .param("event", ids.get(1))
                .param("at", Instant.parse("2026-11-20T08:00:00Z").atOffset(ZoneOffset.UTC))
                .update();

        beforeMigrating.run();
        Migrations.migrate(dataSource);

        List<String> wrong = jdbc
                .sql("select message_id, user_id, anonymous_id, message_key, user_key, anonymous_key"
                        + " from event_message")
                .query((rs, row) -> keyed(rs.getString(1), rs.getObject(4, Long.class))
                                && keyed(rs.getString(2), rs.getObject(5, Long.class))
                                && keyed(rs.getString(3), rs.getObject(6, Long.class))
                        ? null
                        : rs.getString(1))
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
        assertThat(wrong).as("messages without the keys of their ids").isEmpty();
        assertThat(jdbc.sql("select count(*) from event_message")
                        .query(Long.class)
                        .single())
                .isEqualTo(MESSAGES);
        assertThat(jdbc.sql("select user_key = :user and transaction_key = :tx from delivery")
                        .param("user", LookupKeys.keyOf("user-1"))
                        .param("tx", LookupKeys.keyOf("tx-1"))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from event_message where user_key = :key and user_id = 'user-7'")
                        .param("key", LookupKeys.keyOf("user-7"))
                        .query(Long.class)
                        .single())
                .as("messages of user-7: n % 40 == 7 and n not a multiple of 3, n < 10,003")
                .isEqualTo(countOfUser7());
    }

    private static boolean keyed(String id, Long key) {
        return Objects.equals(LookupKeys.of(id), key);
    }

    private static long countOfUser7() {
        long count = 0;
        for (int n = 0; n < MESSAGES; n++) {
            if (n % 3 != 0 && n % 40 == 7) {
                count++;
            }
        }
        return count;
    }
}
