package dev.switchboard.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The messageIds a source already sent, read from the stored messages themselves: the copy of a messageId that
 * counts as seen carries {@code first_copy} (V60), and a unique index over (message_id, source, first_copy) finds
 * it and refuses a second one. Storing a new message's row with the mark is what marks it seen, so de-duplication
 * writes nothing of its own; it reads one index, a request's ids in one query.
 *
 * <p>Two instances storing the same new messageId at once both find it unseen; the unique index makes the second
 * insert fail once the first commits, and intake runs that transaction again ({@code DuplicateKeyException}), when
 * the id is found.
 */
@Component
class SeenMessages {

    /** A join with the ids: H2 does not look up an array parameter in an index, and scanned it instead. */
    static final String FIND = "select e.message_id, e.received_at, e.id from unnest(?) as t(id)"
            + " join event_message e on e.message_id = t.id and e.source = ? and e.first_copy = true";

    private static final String FORGET = "update event_message set first_copy = null where id = ?";

    private final JdbcTemplate jdbc;

    SeenMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Which of the ids are new: never stored with the mark, or last seen before the window (their old copy gives
     * the mark up, so the row stored for them now takes it). An id repeated within the list is new at most once.
     * The caller stores the new ones with {@code first_copy} set, in the same transaction.
     */
    boolean[] fresh(String source, List<String> messageIds, Instant now, Duration window) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(messageIds));
        OffsetDateTime cutoff = now.minus(window).atOffset(ZoneOffset.UTC);
        Map<String, Seen> seen = new HashMap<>();
        jdbc.query(
                FIND,
                ps -> {
                    planEachTime(ps);
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", distinct.toArray()));
                    ps.setString(2, source);
                },
                (RowCallbackHandler) rs -> seen.put(
                        rs.getString(1), new Seen(rs.getObject(2, OffsetDateTime.class), rs.getObject(3, UUID.class))));
        Set<String> fresh = new HashSet<>();
        List<UUID> expired = new ArrayList<>();
        for (String id : distinct) {
            Seen last = seen.get(id);
            if (last == null) {
                fresh.add(id);
            } else if (last.receivedAt().isBefore(cutoff)) {
                expired.add(last.row());
                fresh.add(id);
            }
        }
        if (!expired.isEmpty()) {
            jdbc.batchUpdate(FORGET, expired, expired.size(), (ps, row) -> ps.setObject(1, row));
        }
        boolean[] result = new boolean[messageIds.size()];
        for (int i = 0; i < result.length; i++) {
            // remove: only the first of repeated ids is new
            result[i] = fresh.remove(messageIds.get(i));
        }
        return result;
    }

    /**
     * PostgreSQL plans this lookup with the table as it is on every run, rather than the driver preparing it on the
     * server after five runs, where PostgreSQL soon settles on one plan for the connection. On a new installation
     * that plan is made for an empty table, reads every stored message, and stays until autovacuum first analyzes
     * the table (a minute or more, while intake grows it by thousands of rows): 30 ms per lookup at 60,000 rows, and
     * intake fell to 400 requests/s. Planning it each time costs a fraction of a millisecond of PostgreSQL's time
     * per intake transaction.
     */
    private static void planEachTime(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    /** The stored copy that holds a messageId's mark. */
    private record Seen(OffsetDateTime receivedAt, UUID row) {}
}
