package dev.switchboard.ingest;

import dev.switchboard.message.LookupKeys;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes message rows with one JDBC batch per request: intake is the hottest write path. A message row also
 * carries the decisions of the rules that did not match it ({@code unmatched_decisions}, V50), and whether it is
 * the copy of its messageId that de-duplication compares redeliveries with ({@code first_copy}, V60), and the
 * lookup keys its ids are indexed by (V70, {@link LookupKeys}).
 */
@Component
class StoredEvents {

    private static final String INSERT = "insert into event_message (id, source, message_id, type, event, user_id,"
            + " anonymous_id, status, reject_reason, received_at, event_timestamp, payload, unmatched_decisions,"
            + " first_copy, message_key, user_key, anonymous_key)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    record Row(
            UUID id,
            String source,
            String messageId,
            @Nullable String type,
            @Nullable String event,
            @Nullable String userId,
            @Nullable String anonymousId,
            String status,
            @Nullable String rejectReason,
            Instant receivedAt,
            @Nullable Instant eventTimestamp,
            String payload,
            @Nullable String unmatchedDecisions,
            boolean firstCopy) {}

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<Row> rows) {
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Row row = rows.get(i);
                ps.setObject(1, row.id());
                ps.setString(2, row.source());
                ps.setString(3, row.messageId());
                ps.setString(4, row.type());
                ps.setString(5, truncate(row.event(), 1024));
                ps.setString(6, row.userId());
                ps.setString(7, row.anonymousId());
                ps.setString(8, row.status());
                ps.setString(9, truncate(row.rejectReason(), 1000));
                ps.setObject(10, utc(row.receivedAt()));
                ps.setObject(11, utc(row.eventTimestamp()));
                ps.setString(12, row.payload());
                ps.setString(13, row.unmatchedDecisions());
                // Null, not false, on every other copy: the unique index tells nulls apart (V60).
                if (row.firstCopy()) {
                    ps.setBoolean(14, true);
                } else {
                    ps.setNull(14, Types.BOOLEAN);
                }
                ps.setLong(15, LookupKeys.keyOf(row.messageId()));
                ps.setObject(16, LookupKeys.of(row.userId()), Types.BIGINT);
                ps.setObject(17, LookupKeys.of(row.anonymousId()), Types.BIGINT);
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
