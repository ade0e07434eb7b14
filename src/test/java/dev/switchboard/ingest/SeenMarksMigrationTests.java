package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.message.Ids;
import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.Migrations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V60 moves the messageIds seen so far from {@code message_seen} onto the stored messages, on both databases: the
 * latest routed or no_match copy of an id still in the window takes the mark, and nothing else does.
 */
class SeenMarksMigrationTests {

    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void carriesTheMarksOverOnH2() {
        carriesTheMarksOver(new DriverManagerDataSource(
                "jdbc:h2:mem:seen-marks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    }

    @Test
    void carriesTheMarksOverOnPostgres() {
        carriesTheMarksOver(
                new DriverManagerDataSource(EmbeddedPostgresSupport.newDatabase("seen_marks"), "postgres", "postgres"));
    }

    private static void carriesTheMarksOver(DataSource dataSource) {
        migrate(dataSource, "50");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        message(jdbc, "web", "once", "routed", 0);
        seen(jdbc, "web", "once", 0);
        message(jdbc, "web", "renewed", "routed", 0);
        message(jdbc, "web", "renewed", "duplicate", 1);
        message(jdbc, "web", "renewed", "no_match", 30);
        seen(jdbc, "web", "renewed", 30);
        message(jdbc, "ios", "renewed", "routed", 2);
        seen(jdbc, "ios", "renewed", 2);
        message(jdbc, "web", "forgotten", "routed", 3);
        message(jdbc, "web", "refused", "rejected", 4);
        seen(jdbc, "web", "refused", 4);

        migrate(dataSource, "latest");

        assertThat(jdbc.sql("select source, message_id, status, received_at, first_copy from event_message"
                                + " order by message_id, source, received_at")
                        .query((rs, n) -> String.join(
                                " ",
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                String.valueOf(
                                        rs.getObject(4, OffsetDateTime.class).toEpochSecond() - T.getEpochSecond()),
                                String.valueOf(rs.getObject(5))))
                        .list())
                .containsExactly(
                        "web forgotten routed 3 null",
                        "web once routed 0 true",
                        "web refused rejected 4 null",
                        "ios renewed routed 2 true",
                        "web renewed routed 0 null",
                        "web renewed duplicate 1 null",
                        "web renewed no_match 30 true");
        assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = 'message_seen'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void migrate(DataSource dataSource, String target) {
        Migrations.migrate(dataSource, target);
    }

    private static void message(JdbcClient jdbc, String source, String messageId, String status, int second) {
        jdbc.sql("insert into event_message (id, source, message_id, type, status, received_at, payload)"
                        + " values (:id, :source, :message, 'track', :status, :at, '{}')")
                .param("id", Ids.newId())
                .param("source", source)
                .param("message", messageId)
                .param("status", status)
                .param("at", T.plusSeconds(second).atOffset(ZoneOffset.UTC))
                .update();
    }

    private static void seen(JdbcClient jdbc, String source, String messageId, int second) {
        jdbc.sql("insert into message_seen (source, message_id, seen_at) values (:source, :message, :at)")
                .param("source", source)
                .param("message", messageId)
                .param("at", T.plusSeconds(second).atOffset(ZoneOffset.UTC))
                .update();
    }
}
