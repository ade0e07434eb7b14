package dev.switchboard.audit;

import dev.switchboard.message.LookupKeys;
import dev.switchboard.message.MessageStatus;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event list's SQL: newest first on (received_at, id), a page at a time behind a keyset cursor, written so
 * that a search reads one index in that order and stops after its page, on H2 as on PostgreSQL.
 *
 * <p>H2 reads an index backwards only for an ORDER BY that names the index's columns from its first one on, all
 * descending; unlike PostgreSQL it does not skip a leading column that the WHERE fixes to one value. So a search
 * orders by that column first ({@code e.user_key desc, e.received_at desc, e.id desc} for a user's messages: the
 * same result, the column has one value). The rule and delivery-state filters walk that rule's decisions or that
 * state's deliveries newest first (intake writes both with their message's received_at) and look their messages up
 * by id, instead of collecting every match before sorting. Without that, H2 read a filter's whole index range and
 * sorted it: up to 4 s per search at 5 million messages whenever its result cache was cold, which intake makes it
 * all the time (the README's audit search figures).
 *
 * <p>When the message filters alone narrow the search to a few rows (a userId, anonymousId or messageId), the
 * search reads the message's index instead and checks the rule or delivery state per message.
 */
@Component
class EventSearch {

    static final String COLUMNS = "e.id, e.source, e.message_id, e.type, e.event, e.user_id,"
            + " e.anonymous_id, e.status, e.reject_reason, e.received_at, e.event_timestamp";

    private static final Set<String> MESSAGE_STATUSES =
            Stream.of(MessageStatus.values()).map(MessageStatus::value).collect(Collectors.toUnmodifiableSet());

    // The outbox's states (dispatch's Outbox.STATUSES; audit may not depend on dispatch) and retrying: pending
    // again after a failed attempt.
    private static final Set<String> DELIVERY_STATUSES =
            Set.of("delivered", "retrying", "dead", "invalid", "dry_run", "cancelled", "failed", "pending", "sending");

    /** A rule filter lists the messages the rule matched or failed on; each outcome is its own index range. */
    private static final List<String> RULE_OUTCOMES = List.of("matched", "error");

    private static final Comparator<EventSummary> NEWEST_FIRST = Comparator.comparing(EventSummary::receivedAt)
            .thenComparing(EventSummary::id, EventSearch::compareAsDatabases)
            .reversed();

    private final JdbcClient jdbc;
    private final Duration timeout;

    EventSearch(DataSource dataSource, AuditProperties properties) {
        // Every statement of a search may run for the configured time at most: the database stops it then.
        JdbcTemplate template = new JdbcTemplate(dataSource);
        this.timeout = properties.searchTimeout();
        template.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
        this.jdbc = JdbcClient.create(template);
    }

    /** What runs a search's statements, with its statement timeout (for the test that checks the database stops one). */
    JdbcClient client() {
        return jdbc;
    }

    EventLog.Page page(EventQuery query) {
        int size = query.pageSize();
        Cursor cursor = cursor(query);
        List<EventSummary> rows = new ArrayList<>();
        try {
            for (Reading reading : readings(query)) {
                rows.addAll(reading.messages(cursor, size + 1));
            }
        } catch (QueryTimeoutException e) {
            throw new SearchTooBroadException(timeout);
        }
        // Two readings (a rule's matched and its error decisions) each give a page: merge them.
        rows.sort(NEWEST_FIRST);
        if (rows.size() <= size) {
            return new EventLog.Page(List.copyOf(rows), null);
        }
        List<EventSummary> page = rows.subList(0, size);
        EventSummary last = page.get(size - 1);
        return new EventLog.Page(List.copyOf(page), encode(last.receivedAt(), last.id()));
    }

    /** A statement with its parameters. */
    record Statement(String sql, List<Object> params) {}

    /**
     * The statements that read the first page of {@code query} in index order, for the tests that check which
     * index each reads (a walk's message lookups by id are not among them).
     */
    List<Statement> statements(EventQuery query) {
        int limit = query.pageSize() + 1;
        return readings(query).stream()
                .map(reading -> reading.ordered().statement(null, limit))
                .toList();
    }

    /** The lookup a walk makes for a chunk of message ids, for the test that checks it reads the primary key. */
    Statement lookup(EventQuery query, List<UUID> ids) {
        return lookupStatement(query, ids);
    }

    static String encode(Instant receivedAt, UUID id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((receivedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One SELECT in index order, newest first: its FROM and WHERE, the ORDER BY that lets the intended index give
     * that order, and the (time, message id) columns it is ordered by, which a cursor continues on.
     */
    private record Ordered(String select, List<Object> params, String order, String time, String id) {

        Statement statement(@Nullable Cursor cursor, int limit) {
            StringBuilder sql = new StringBuilder(select);
            List<Object> all = new ArrayList<>(params);
            if (cursor != null) {
                // The first bound starts the index range at the cursor; the rest is the exact keyset order.
                sql.append(" and ")
                        .append(time)
                        .append(" <= ? and (")
                        .append(time)
                        .append(" < ? or (")
                        .append(time)
                        .append(" = ? and ")
                        .append(id)
                        .append(" < ?))");
                OffsetDateTime at = utc(cursor.receivedAt());
                all.addAll(List.of(at, at, at, cursor.id()));
            }
            sql.append(" order by ")
                    .append(order)
                    .append(" fetch first ")
                    .append(limit)
                    .append(" rows only");
            return new Statement(sql.toString(), all);
        }
    }

    private record Cursor(Instant receivedAt, UUID id) {}

    /** One way of reading a search's messages newest first. */
    private interface Reading {

        Ordered ordered();

        /** Up to {@code limit} messages after {@code cursor}, newest first. */
        List<EventSummary> messages(@Nullable Cursor cursor, int limit);
    }

    /** Reads the messages' own index, the message filters in the same SELECT. */
    private record MessageReading(Ordered ordered, JdbcClient jdbc) implements Reading {

        @Override
        public List<EventSummary> messages(@Nullable Cursor cursor, int limit) {
            Statement statement = ordered.statement(cursor, limit);
            return jdbc.sql(statement.sql())
                    .params(statement.params())
                    .query(EventSearch::summary)
                    .list();
        }
    }

    /**
     * Walks the rows of a rule's decisions or a state's deliveries newest first ({@code ordered} selects their
     * message id and time, one table, one index), a chunk at a time, and looks each chunk's messages up by id with
     * the message filters, until a page is full or the rows run out. Not a join: on H2 the planner then read the
     * messages through another of their indexes per row instead of the primary key, and on such a plan returned a
     * message twice. A message with several deliveries in the state is listed once.
     */
    private record Walk(Ordered ordered, EventQuery query, JdbcClient jdbc, Duration timeout) implements Reading {

        private static final int LARGEST_CHUNK = 1_000;

        @Override
        public List<EventSummary> messages(@Nullable Cursor cursor, int limit) {
            List<EventSummary> messages = new ArrayList<>();
            Cursor from = cursor;
            int chunk = limit;
            long start = System.nanoTime();
            while (true) {
                // Each statement has the timeout; a walk of many quick chunks is held to it as a whole too.
                if (System.nanoTime() - start > timeout.toNanos()) {
                    throw new SearchTooBroadException(timeout);
                }
                Statement statement = ordered.statement(from, chunk);
                List<Cursor> rows = jdbc.sql(statement.sql())
                        .params(statement.params())
                        .query((rs, row) -> new Cursor(
                                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getObject(1, UUID.class)))
                        .list();
                // A message's rows are adjacent in (time, message id) order, and the next chunk starts after the
                // last one's message: comparing with the previous row is enough, however long the walk.
                List<UUID> fresh = new ArrayList<>();
                for (Cursor row : rows) {
                    if (fresh.isEmpty() || !fresh.get(fresh.size() - 1).equals(row.id())) {
                        fresh.add(row.id());
                    }
                }
                Map<UUID, EventSummary> found = lookUp(fresh);
                for (UUID id : fresh) {
                    EventSummary message = found.get(id);
                    if (message != null && messages.size() < limit) {
                        messages.add(message);
                    }
                }
                if (rows.size() < chunk || messages.size() >= limit) {
                    return messages;
                }
                from = rows.get(rows.size() - 1);
                // Message filters that leave few of the rows need more of them: read further each round.
                chunk = Math.min(chunk * 2, Math.max(LARGEST_CHUNK, limit));
            }
        }

        private Map<UUID, EventSummary> lookUp(List<UUID> ids) {
            Map<UUID, EventSummary> found = new HashMap<>();
            if (!ids.isEmpty()) {
                Statement statement = lookupStatement(query, ids);
                jdbc.sql(statement.sql())
                        .params(statement.params())
                        .query(EventSearch::summary)
                        .list()
                        .forEach(message -> found.put(message.id(), message));
            }
            return found;
        }
    }

    private static Statement lookupStatement(EventQuery query, List<UUID> ids) {
        Where where = new Where("select " + COLUMNS + " from event_message e where e.id in ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")");
        where.params.addAll(ids);
        messageFilters(where, query);
        return new Statement(where.sql.toString(), where.params);
    }

    private List<Reading> readings(EventQuery query) {
        String status = blankToNull(query.status());
        String rule = blankToNull(query.rule());
        boolean deliveryStatus = status != null && DELIVERY_STATUSES.contains(status);
        if (status != null && !deliveryStatus && !status.equals("received") && !MESSAGE_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of received, no_match, routed, rejected,"
                    + " duplicate, delivered, retrying, dead, invalid, dry_run, cancelled, failed, pending,"
                    + " sending");
        }
        boolean fewMessages = blankToNull(query.userId()) != null
                || blankToNull(query.anonymousId()) != null
                || blankToNull(query.messageId()) != null;
        if (deliveryStatus && !fewMessages) {
            return List.of(new Walk(deliveries(query, status, rule), query, jdbc, timeout));
        }
        if (rule != null && !deliveryStatus && !fewMessages) {
            return RULE_OUTCOMES.stream()
                    .map(outcome -> (Reading) new Walk(decisions(query, rule, outcome), query, jdbc, timeout))
                    .toList();
        }
        return List.of(new MessageReading(byMessages(query, deliveryStatus ? status : null, rule), jdbc));
    }

    /** Reads the messages' own index, newest first, checking a rule or delivery state per message. */
    private static Ordered byMessages(EventQuery query, @Nullable String deliveryStatus, @Nullable String rule) {
        Where where = new Where("select " + COLUMNS + " from event_message e where 1 = 1");
        messageFilters(where, query);
        if (deliveryStatus != null) {
            where.sql.append(" and exists (select 1 from delivery d where d.event_id = e.id and ");
            deliveryState(where, query, deliveryStatus, rule);
            where.sql.append(")");
        } else if (rule != null) {
            where.sql.append(" and exists (select 1 from rule_decision r where r.event_id = e.id"
                    + " and r.rule_key = ? and r.outcome in ('matched', 'error'))");
            where.params.add(rule);
        }
        return new Ordered(
                where.sql.toString(),
                where.params,
                leadingColumn(query) + "e.received_at desc, e.id desc",
                "e.received_at",
                "e.id");
    }

    /** One outcome of a rule's decisions newest first (ix_rule_decision_rule_outcome): message ids and times. */
    private static Ordered decisions(EventQuery query, String rule, String outcome) {
        Where where = new Where(
                "select r.event_id, r.decided_at from rule_decision r where r.rule_key = ? and r.outcome = ?");
        where.params.add(rule);
        where.params.add(outcome);
        timeRange(where, "r.decided_at", query);
        return new Ordered(
                where.sql.toString(),
                where.params,
                "r.rule_key desc, r.outcome desc, r.decided_at desc, r.event_id desc",
                "r.decided_at",
                "r.event_id");
    }

    /**
     * The deliveries in one state newest first (ix_delivery_status_created_at, or ix_delivery_rule_status with a
     * rule): message ids and times, a message once per delivery.
     */
    private static Ordered deliveries(EventQuery query, String status, @Nullable String rule) {
        Where where = new Where("select d.event_id, d.created_at from delivery d where ");
        deliveryState(where, query, status, rule);
        String order = (rule != null ? "d.rule_key desc, " : "") + "d.status desc, d.created_at desc, d.event_id desc";
        return new Ordered(where.sql.toString(), where.params, order, "d.created_at", "d.event_id");
    }

    private static void deliveryState(Where where, EventQuery query, String status, @Nullable String rule) {
        if (status.equals("retrying")) {
            where.sql.append("d.status = 'pending' and d.attempts > 0");
        } else {
            where.sql.append("d.status = ?");
            where.params.add(status);
        }
        if (rule != null) {
            where.sql.append(" and d.rule_key = ?");
            where.params.add(rule);
        }
        // Deliveries are written with their message's received_at as created_at: the time range narrows both.
        timeRange(where, "d.created_at", query);
    }

    /** The filters on the message row itself. */
    private static void messageFilters(Where where, EventQuery query) {
        where.equalId("e.user_key", "e.user_id", query.userId());
        where.equalId("e.anonymous_key", "e.anonymous_id", query.anonymousId());
        where.equalId("e.message_key", "e.message_id", query.messageId());
        where.equal("e.source", query.source());
        where.equal("e.type", query.type());
        where.equal("e.event", query.event());
        timeRange(where, "e.received_at", query);
        String status = blankToNull(query.status());
        if ("received".equals(status)) {
            where.sql.append(" and e.status in ('routed', 'no_match')");
        } else if (status != null && MESSAGE_STATUSES.contains(status)) {
            where.equal("e.status", status);
        }
        String text = blankToNull(query.q());
        if (text != null) {
            where.sql.append(" and e.payload like ? escape '\\'");
            where.params.add(
                    "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    /**
     * The column of the message index a search by message filters should read, descending, to lead its ORDER BY
     * (see the class comment); none for a messageId, whose index has no time (it finds a handful of rows).
     */
    private static String leadingColumn(EventQuery query) {
        if (blankToNull(query.messageId()) != null) {
            return "";
        }
        String status = blankToNull(query.status());
        if (blankToNull(query.userId()) != null) {
            return "e.user_key desc, ";
        } else if (blankToNull(query.anonymousId()) != null) {
            return "e.anonymous_key desc, ";
        } else if (blankToNull(query.event()) != null) {
            return "e.event desc, ";
        } else if (status != null && MESSAGE_STATUSES.contains(status)) {
            return "e.status desc, ";
        }
        return "";
    }

    private static void timeRange(Where where, String column, EventQuery query) {
        if (query.from() != null) {
            where.sql.append(" and ").append(column).append(" >= ?");
            where.params.add(utc(query.from()));
        }
        if (query.to() != null) {
            where.sql.append(" and ").append(column).append(" < ?");
            where.params.add(utc(query.to()));
        }
    }

    /** A statement's SQL up to its ORDER BY, with its parameters in order. */
    private static final class Where {

        final StringBuilder sql;
        final List<Object> params = new ArrayList<>();

        Where(String start) {
            this.sql = new StringBuilder(start);
        }

        void equal(String column, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                sql.append(" and ").append(column).append(" = ?");
                params.add(value);
            }
        }

        /** A sender's id, indexed by its lookup key (V71): the key finds the rows, the id rules out a shared key. */
        void equalId(String keyColumn, String idColumn, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                sql.append(" and ")
                        .append(keyColumn)
                        .append(" = ? and ")
                        .append(idColumn)
                        .append(" = ?");
                params.add(LookupKeys.keyOf(value));
                params.add(value);
            }
        }
    }

    private @Nullable Cursor cursor(EventQuery query) {
        String cursor = blankToNull(query.cursor());
        if (cursor != null) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Cursor(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
            } catch (IllegalArgumentException | DateTimeParseException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cursor is not one this API gave out");
            }
        }
        if (query.before() != null) {
            return jdbc.sql("select received_at from event_message where id = ?")
                    .param(query.before())
                    .query((rs, row) -> new Cursor(
                            rs.getObject("received_at", OffsetDateTime.class).toInstant(), query.before()))
                    .optional()
                    .orElseThrow(() -> new IllegalArgumentException("before names no stored event"));
        }
        return null;
    }

    /** Both databases order UUIDs as unsigned 128-bit numbers; {@link UUID#compareTo} compares signed halves. */
    private static int compareAsDatabases(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static EventSummary summary(ResultSet rs, int row) throws SQLException {
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
