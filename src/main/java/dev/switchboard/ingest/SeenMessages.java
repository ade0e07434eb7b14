package dev.switchboard.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The messageIds seen per source. Marking is one batched insert that only adds ids not present, so the update
 * count tells new from seen; a concurrent intake of the same id makes the insert fail on the primary key and
 * {@link EventIntake} retries the whole transaction, which then sees the id as a duplicate.
 */
@Component
class SeenMessages {

    private static final String MARK = "insert into message_seen (source, message_id, seen_at) select ?, ?, ?"
            + " where not exists (select 1 from message_seen where source = ? and message_id = ?)";
    private static final String RENEW_EXPIRED =
            "update message_seen set seen_at = ? where source = ? and message_id = ? and seen_at < ?";
    private static final String PURGE = "delete from message_seen where (source, message_id) in"
            + " (select source, message_id from message_seen where seen_at < ? fetch first 1000 rows only)";

    private final JdbcTemplate jdbc;

    SeenMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the ids as seen now; an element is true where that id was new (or last seen before the window). */
    boolean[] mark(String source, List<String> messageIds, Instant now, Duration window) {
        OffsetDateTime seenAt = now.atOffset(ZoneOffset.UTC);
        int[] counts = jdbc.batchUpdate(MARK, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setString(1, source);
                ps.setString(2, messageIds.get(i));
                ps.setObject(3, seenAt);
                ps.setString(4, source);
                ps.setString(5, messageIds.get(i));
            }

            @Override
            public int getBatchSize() {
                return messageIds.size();
            }
        });
        boolean[] fresh = new boolean[counts.length];
        OffsetDateTime cutoff = now.minus(window).atOffset(ZoneOffset.UTC);
        for (int i = 0; i < counts.length; i++) {
            // Seen before: new again only if that was before the window (and the purge has not run yet).
            fresh[i] = counts[i] > 0 || jdbc.update(RENEW_EXPIRED, seenAt, source, messageIds.get(i), cutoff) > 0;
        }
        return fresh;
    }

    /** Deletes up to 1,000 ids seen before the cutoff; returns how many went. Small batches keep locks short. */
    int purgeBefore(Instant cutoff) {
        return jdbc.update(PURGE, cutoff.atOffset(ZoneOffset.UTC));
    }
}
