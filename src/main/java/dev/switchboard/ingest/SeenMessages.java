package dev.switchboard.ingest;

import dev.switchboard.config.Databases;
import dev.switchboard.message.LookupKeys;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * counts as seen carries {@code first_copy} (V60), and a unique index over (message_key, source, first_copy) finds
 * it and refuses a second one (the key is the messageId's {@link LookupKeys}, V71). Storing a new message's row
 * with the mark is what marks it seen, so de-duplication writes nothing of its own; it reads one index, a request's
 * ids in one query.
 *
 * <p>Two instances storing the same new messageId at once both find it unseen; the unique index makes the second
 * insert fail once the first commits, and intake runs that transaction again ({@code DuplicateKeyException}), when
 * the id is found. Two different messageIds whose keys are equal (about one pair in 10^19) cannot both hold the
 * mark: the later one is stored without it ({@link Copy#NEW_WITHOUT_MARK}), so it is routed like any new message
 * and only a redelivery of it would not be recognised.
 */
@Component
class SeenMessages {

    /** H2: a join with the keys, because H2 does not look {@code = any(?)} up in an index and scanned it instead. */
    static final String FIND_H2 = "select e.message_id, e.received_at, e.id, e.message_key from unnest(?) as t(k)"
            + " join event_message e on e.message_key = t.k and e.source = ? and e.first_copy = true";

    /**
     * PostgreSQL: the keys as the index condition itself. As a join (above) PostgreSQL was free to read the
     * source's marks first and hash the keys against them, and did whenever its statistics had not yet seen the
     * source: every mark of the source read, or the whole table, per lookup (SeenMessagesPostgresTests).
     */
    static final String FIND_POSTGRES = "select e.message_id, e.received_at, e.id, e.message_key from event_message e"
            + " where e.message_key = any(?) and e.source = ? and e.first_copy = true";

    private static final String FORGET = "update event_message set first_copy = null where id = ?";

    /** What a message is to de-duplication. */
    enum Copy {
        /** Never stored with the mark, or its mark is older than the window: stored now with the mark. */
        FIRST,
        /** New, but another messageId with the same key holds the mark within the window: stored without it. */
        NEW_WITHOUT_MARK,
        /** Seen within the window, or earlier in the same list. */
        DUPLICATE;

        boolean isNew() {
            return this != DUPLICATE;
        }
    }

    private final JdbcTemplate jdbc;
    private final String find;

    SeenMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.find = Databases.isPostgres(jdbc.getDataSource()) ? FIND_POSTGRES : FIND_H2;
    }

    /** The lookup this database runs. */
    String find() {
        return find;
    }

    /**
     * What each message is: new (never stored with the mark, or last seen before the window: the old copy gives the
     * mark up, so the row stored for it now takes it) or a duplicate. An id repeated within the list is new at most
     * once. The caller stores the {@link Copy#FIRST} ones with {@code first_copy} set, in the same transaction.
     */
    Copy[] classify(String source, List<String> messageIds, Instant now, Duration window) {
        Map<String, Long> keys = new LinkedHashMap<>();
        for (String id : messageIds) {
            keys.computeIfAbsent(id, LookupKeys::keyOf);
        }
        OffsetDateTime cutoff = now.minus(window).atOffset(ZoneOffset.UTC);
        Map<Long, Mark> marks = new HashMap<>();
        jdbc.query(
                find,
                ps -> {
                    planEachTime(ps);
                    ps.setArray(
                            1,
                            ps.getConnection().createArrayOf("bigint", new LinkedHashSet<>(keys.values()).toArray()));
                    ps.setString(2, source);
                },
                (RowCallbackHandler) rs -> marks.put(
                        rs.getLong(4),
                        new Mark(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, UUID.class))));
        Map<String, Copy> copies = new HashMap<>();
        Set<Long> marked = new HashSet<>();
        List<UUID> expired = new ArrayList<>();
        keys.forEach((id, key) -> {
            Mark mark = marks.get(key);
            if (mark != null && !mark.receivedAt().isBefore(cutoff)) {
                copies.put(id, mark.messageId().equals(id) ? Copy.DUPLICATE : Copy.NEW_WITHOUT_MARK);
            } else if (marked.add(key)) {
                if (mark != null) {
                    expired.add(mark.row());
                }
                copies.put(id, Copy.FIRST);
            } else {
                // Another id of this list with the same key took the mark.
                copies.put(id, Copy.NEW_WITHOUT_MARK);
            }
        });
        if (!expired.isEmpty()) {
            jdbc.batchUpdate(FORGET, expired, expired.size(), (ps, row) -> ps.setObject(1, row));
        }
        Copy[] result = new Copy[messageIds.size()];
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < result.length; i++) {
            String id = messageIds.get(i);
            // Only the first of repeated ids is new.
            result[i] = stored.add(id) ? copies.get(id) : Copy.DUPLICATE;
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

    /** The stored copy that holds a key's mark. */
    private record Mark(String messageId, OffsetDateTime receivedAt, UUID row) {}
}
