package dev.switchboard.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads stored messages back, newest first, with optional filters and a stable cursor. */
@Service
public class EventLog {

    private static final String COLUMNS = "id, source, message_id, type, event, user_id, anonymous_id, status,"
            + " reject_reason, received_at, event_timestamp";

    private final JdbcClient jdbc;

    EventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<EventSummary> find(EventQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from event_message where 1 = 1");
        List<Object> params = new ArrayList<>();
        equal(sql, params, "user_id", query.userId());
        equal(sql, params, "anonymous_id", query.anonymousId());
        equal(sql, params, "message_id", query.messageId());
        equal(sql, params, "source", query.source());
        equal(sql, params, "type", query.type());
        equal(sql, params, "event", query.event());
        equal(sql, params, "status", query.status());
        if (query.from() != null) {
            sql.append(" and received_at >= ?");
            params.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" and received_at < ?");
            params.add(query.to().atOffset(ZoneOffset.UTC));
        }
        if (query.before() != null) {
            // Keyset pagination on (received_at, id): stable while new messages arrive.
            sql.append(" and (received_at < (select received_at from event_message where id = ?)"
                    + " or (received_at = (select received_at from event_message where id = ?) and id < ?))");
            params.add(query.before());
            params.add(query.before());
            params.add(query.before());
        }
        sql.append(" order by received_at desc, id desc fetch first ")
                .append(query.pageSize())
                .append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(EventLog::summary).list();
    }

    public Optional<EventDetail> get(UUID id) {
        return jdbc.sql("select " + COLUMNS + ", payload from event_message where id = ?")
                .param(id)
                .query((rs, row) -> new EventDetail(summary(rs, row), rs.getString("payload")))
                .optional();
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static EventSummary summary(ResultSet rs, int row) throws SQLException {
        OffsetDateTime timestamp = rs.getObject("event_timestamp", OffsetDateTime.class);
        return new EventSummary(
                rs.getObject("id", UUID.class),
                rs.getString("source"),
                rs.getString("message_id"),
                rs.getString("type"),
                rs.getString("event"),
                rs.getString("user_id"),
                rs.getString("anonymous_id"),
                rs.getString("status"),
                rs.getString("reject_reason"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                timestamp == null ? null : timestamp.toInstant());
    }
}
