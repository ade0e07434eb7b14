package dev.switchboard.dispatch;

import dev.switchboard.message.LookupKeys;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox facade: writes delivery rows inside the caller's transaction (intake's), so a message, its rule
 * decisions and what must be sent to Novu are stored together or not at all.
 */
@Component
public class Outbox {

    /** Every status a delivery row can have (see V5). */
    public static final List<String> STATUSES = List.of(
            Delivery.PENDING,
            Delivery.SENDING,
            Delivery.DELIVERED,
            Delivery.FAILED,
            Delivery.DEAD,
            Delivery.INVALID,
            Delivery.DRY_RUN,
            Delivery.CANCELLED);

    private static final String INSERT = "insert into delivery (id, event_id, source, message_id, rule_key,"
            + " rule_version, action_index, action_type, user_id, method, path, body, transaction_id,"
            + " idempotency_key, status, attempts, created_at, due_at, last_error, finished_at, mask_pointers,"
            + " user_key, transaction_key)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the rows in one JDBC batch; joins the caller's transaction. */
    public void enqueue(List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                NewDelivery d = deliveries.get(i);
                ps.setObject(1, d.id());
                ps.setObject(2, d.eventId());
                ps.setString(3, d.source());
                ps.setString(4, d.messageId());
                ps.setString(5, d.ruleKey());
                ps.setInt(6, d.ruleVersion());
                ps.setInt(7, d.actionIndex());
                ps.setString(8, d.actionType());
                ps.setString(9, d.userId());
                ps.setString(10, d.method());
                ps.setString(11, d.path());
                ps.setString(12, d.body());
                ps.setString(13, d.transactionId());
                ps.setString(14, d.idempotencyKey());
                ps.setString(15, d.status());
                ps.setObject(16, utc(d.createdAt()));
                ps.setObject(17, utc(d.dueAt()));
                ps.setString(18, d.lastError());
                if (NewDelivery.INVALID.equals(d.status())) {
                    ps.setObject(19, utc(d.createdAt()));
                } else {
                    ps.setNull(19, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                ps.setString(20, d.maskPointers().isEmpty() ? null : String.join("\n", d.maskPointers()));
                // Indexed instead of the ids (V70, LookupKeys).
                ps.setObject(21, LookupKeys.of(d.userId()), Types.BIGINT);
                ps.setLong(22, LookupKeys.keyOf(d.transactionId()));
            }

            @Override
            public int getBatchSize() {
                return deliveries.size();
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
