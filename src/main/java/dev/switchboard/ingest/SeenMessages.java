package dev.switchboard.ingest;

import dev.switchboard.config.Databases;
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
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The messageIds seen per source. A request's ids are marked together, in a few statements rather than one per id
 * (which cost PostgreSQL a parse, bind and execute each, a hundred per batch):
 *
 * <ul>
 *   <li>PostgreSQL: one {@code insert ... on conflict do update ... returning}: it returns the ids it inserted
 *       and the ones last seen before the window, which it renews. An id that another instance is storing at the
 *       same moment waits for that transaction and then counts as seen, with no error to retry.
 *   <li>H2 (one process): one query for the known ids, then one JDBC batch inserting the new ones; a known id
 *       last seen before the window is renewed.
 * </ul>
 */
@Component
class SeenMessages {

    private static final String MARK_POSTGRES = "insert into message_seen (source, message_id, seen_at)"
            + " select ?, id, ? from unnest(?) as t(id)"
            + " on conflict (source, message_id) do update set seen_at = excluded.seen_at"
            + " where message_seen.seen_at < ? returning message_id";
    /**
     * A join with the ids: H2 does not look up an array or IN list in the second column of the primary key, and
     * scanned every id of the source instead.
     */
    private static final String FIND_H2 = "select s.message_id, s.seen_at from unnest(?) as t(id)"
            + " join message_seen s on s.source = ? and s.message_id = t.id";

    private static final String INSERT_H2 = "insert into message_seen (source, message_id, seen_at) values (?, ?, ?)";
    private static final String RENEW_EXPIRED_H2 =
            "update message_seen set seen_at = ? where source = ? and message_id = ? and seen_at < ?";
    private static final String PURGE = "delete from message_seen where (source, message_id) in"
            + " (select source, message_id from message_seen where seen_at < ? fetch first 1000 rows only)";

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    SeenMessages(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Marks the ids as seen now; an element is true where that id was new (or last seen before the window). An id
     * repeated within the list is new at most once.
     */
    boolean[] mark(String source, List<String> messageIds, Instant now, Duration window) {
        // Distinct ids, in order: PostgreSQL refuses to update one row twice in a statement.
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(messageIds));
        OffsetDateTime seenAt = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime cutoff = now.minus(window).atOffset(ZoneOffset.UTC);
        Set<String> fresh = postgres
                ? markOnPostgres(source, distinct, seenAt, cutoff)
                : markOnH2(source, distinct, seenAt, cutoff);
        boolean[] result = new boolean[messageIds.size()];
        for (int i = 0; i < result.length; i++) {
            // remove: only the first of repeated ids is new
            result[i] = fresh.remove(messageIds.get(i));
        }
        return result;
    }

    private Set<String> markOnPostgres(String source, List<String> ids, OffsetDateTime seenAt, OffsetDateTime cutoff) {
        Set<String> fresh = new HashSet<>();
        jdbc.query(
                MARK_POSTGRES,
                ps -> {
                    ps.setString(1, source);
                    ps.setObject(2, seenAt);
                    ps.setArray(3, ps.getConnection().createArrayOf("varchar", ids.toArray()));
                    ps.setObject(4, cutoff);
                },
                (RowCallbackHandler) rs -> fresh.add(rs.getString(1)));
        return fresh;
    }

    private Set<String> markOnH2(String source, List<String> ids, OffsetDateTime seenAt, OffsetDateTime cutoff) {
        Map<String, OffsetDateTime> known = new HashMap<>();
        jdbc.query(
                FIND_H2,
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids.toArray()));
                    ps.setString(2, source);
                },
                (RowCallbackHandler) rs -> known.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class)));
        Set<String> fresh = new HashSet<>();
        List<String> added = new ArrayList<>();
        for (String id : ids) {
            OffsetDateTime lastSeen = known.get(id);
            if (lastSeen == null) {
                added.add(id);
                fresh.add(id);
            } else if (lastSeen.isBefore(cutoff) && jdbc.update(RENEW_EXPIRED_H2, seenAt, source, id, cutoff) > 0) {
                // Seen before the window, and the purge has not removed it yet: new again.
                fresh.add(id);
            }
        }
        if (!added.isEmpty()) {
            jdbc.batchUpdate(INSERT_H2, added, added.size(), (ps, id) -> {
                ps.setString(1, source);
                ps.setString(2, id);
                ps.setObject(3, seenAt);
            });
        }
        return fresh;
    }

    /** Deletes up to 1,000 ids seen before the cutoff; returns how many went. Small batches keep locks short. */
    int purgeBefore(Instant cutoff) {
        return jdbc.update(PURGE, cutoff.atOffset(ZoneOffset.UTC));
    }
}
