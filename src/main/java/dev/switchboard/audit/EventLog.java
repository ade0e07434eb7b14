package dev.switchboard.audit;

import dev.switchboard.rules.PastDecisions;
import dev.switchboard.rules.RuleOutcome;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads stored messages back, newest first, with filters and a stable keyset cursor, and one message with its
 * whole chain: the rule decisions, the deliveries with their requests and every attempt.
 *
 * <p>The search's SQL is {@link EventSearch}'s: each filter has an index that starts with it and continues with
 * the time (see V30), read newest first; only {@code q} (a text in the payload) scans, within what the other
 * filters and the time range leave.
 */
@Service
public class EventLog {

    private static final String NOT_MATCHED = "not_matched";

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final JsonMapper json;
    private final PastDecisions pastDecisions;
    private final EventSearch search;

    EventLog(
            JdbcClient jdbc,
            AuditProperties properties,
            JsonMapper json,
            PastDecisions pastDecisions,
            EventSearch search) {
        this.jdbc = jdbc;
        this.search = search;
        this.properties = properties;
        this.json = json;
        this.pastDecisions = pastDecisions;
    }

    /** One page, newest first; {@code next} is the cursor of the following page, null on the last one. */
    public record Page(List<EventSummary> events, @Nullable String next) {}

    /** The events of the first page that {@code query} selects. */
    public List<EventSummary> find(EventQuery query) {
        return search(query).events();
    }

    public Page search(EventQuery query) {
        return search.page(query);
    }

    /** The keys of the rules that matched each of {@code eventIds}, in key order (events without any are left out). */
    public Map<UUID, List<String>> matchedRules(Collection<UUID> eventIds) {
        Map<UUID, List<String>> matched = new HashMap<>();
        if (eventIds.isEmpty()) {
            return matched;
        }
        jdbc.sql("select event_id, rule_key from rule_decision where event_id in (:ids) and outcome = 'matched'"
                        + " order by rule_key")
                .param("ids", List.copyOf(eventIds))
                .query((rs, row) -> matched.computeIfAbsent(
                                rs.getObject("event_id", UUID.class), id -> new ArrayList<>())
                        .add(rs.getString("rule_key")))
                .list();
        return matched;
    }

    public Optional<EventDetail> get(UUID id) {
        Optional<StoredMessage> message = jdbc.sql("select " + EventSearch.COLUMNS
                        + ", e.payload, e.unmatched_decisions" + " from event_message e where e.id = ?")
                .param(id)
                .query((rs, row) -> new StoredMessage(
                        EventSearch.summary(rs, row), rs.getString("payload"), rs.getString("unmatched_decisions")))
                .optional();
        return message.map(m -> new EventDetail(
                m.summary(),
                m.payload(),
                decisions(id, m.payload(), m.unmatchedDecisions(), m.summary().receivedAt()),
                deliveries(id)));
    }

    private record StoredMessage(
            EventSummary summary, String payload, @Nullable String unmatchedDecisions) {}

    /**
     * What every rule said about the message: its {@code rule_decision} rows (matched and error; older messages
     * also have their not_matched rows there) and the rules that did not match, which intake keeps on the
     * message row since V50. Decided when the message was received, so both read the same time. A decision
     * stored without its explanation has it derived again from the stored message ({@link PastDecisions}).
     */
    private List<EventDetail.Decision> decisions(
            UUID eventId, String payload, @Nullable String unmatchedDecisions, Instant receivedAt) {
        StoredPayload message = new StoredPayload(eventId, payload);
        List<EventDetail.Decision> decisions = jdbc.sql(
                        "select rule_key, rule_version, outcome, error, trace, decided_at from rule_decision"
                                + " where event_id = ? order by rule_key")
                .param(eventId)
                .query((rs, row) -> {
                    String rule = rs.getString("rule_key");
                    int version = rs.getInt("rule_version");
                    String outcome = rs.getString("outcome");
                    String trace = rs.getString("trace");
                    return new EventDetail.Decision(
                            rule,
                            version,
                            outcome,
                            rs.getString("error"),
                            trace != null ? trace : message.explanation(rule, version, outcome),
                            instant(rs, "decided_at"));
                })
                .list();
        if (unmatchedDecisions == null) {
            return decisions;
        }
        List<EventDetail.Decision> all = new ArrayList<>(decisions);
        all.addAll(unmatched(message, unmatchedDecisions, receivedAt));
        all.sort(Comparator.comparing(EventDetail.Decision::ruleKey));
        return all;
    }

    /**
     * The rules that did not match, from {@code unmatched_decisions}: {@code {"rule", "version"}} per rule, whose
     * explanation follows from the stored message and the rule version ({@link PastDecisions}), or, when the
     * message had masked values (the stored copy no longer shows what the rule saw) and on rows written before
     * that, {@code {"rule", "version", "trace"}} with the explanation as intake wrote it (null when it was too
     * large to keep).
     */
    private List<EventDetail.Decision> unmatched(StoredPayload message, String unmatchedDecisions, Instant receivedAt) {
        JsonNode elements;
        try {
            elements = json.readTree(unmatchedDecisions);
        } catch (JacksonException e) {
            // Only a masked value that cut through the JSON when it was scrubbed could do this.
            log.warn(
                    "The not-matched decisions of message {} are not readable JSON: {}",
                    message.eventId,
                    e.getMessage());
            return List.of();
        }
        List<EventDetail.Decision> decisions = new ArrayList<>(elements.size());
        for (JsonNode element : elements) {
            String rule = element.path("rule").asString("");
            int version = element.path("version").asInt();
            String explanation;
            if (element.has("trace")) {
                JsonNode trace = element.get("trace");
                explanation = trace.isNull() ? null : json.writeValueAsString(trace);
            } else {
                explanation = message.explanation(rule, version, NOT_MATCHED);
            }
            decisions.add(new EventDetail.Decision(rule, version, NOT_MATCHED, null, explanation, receivedAt));
        }
        return decisions;
    }

    /** A stored message, parsed once when the first explanation is derived from it. */
    private final class StoredPayload {

        private final UUID eventId;
        private final String payload;
        private @Nullable Map<String, Object> parsed;

        StoredPayload(UUID eventId, String payload) {
            this.eventId = eventId;
            this.payload = payload;
        }

        @Nullable
        String explanation(String rule, int version, String outcome) {
            RuleOutcome.Status decided;
            try {
                decided = RuleOutcome.Status.valueOf(outcome.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (parsed == null) {
                parsed = message(eventId, payload);
            }
            return parsed.isEmpty()
                    ? null
                    : pastDecisions.explanation(rule, version, decided, parsed).orElse(null);
        }
    }

    /** The stored message as intake's parser reads JSON, so the rules see the values they saw at intake. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> message(UUID eventId, String payload) {
        try {
            return json.readValue(payload, Map.class);
        } catch (JacksonException e) {
            log.warn("Message {} is not readable JSON: {}", eventId, e.getMessage());
            return Map.of();
        }
    }

    private List<EventDetail.Delivery> deliveries(UUID eventId) {
        List<EventDetail.Delivery> deliveries = jdbc.sql("select id, rule_key, rule_version, action_index,"
                        + " action_type, user_id, method, path, body, transaction_id, idempotency_key, status, attempts,"
                        + " created_at, due_at, finished_at, last_http_status, last_error, novu_transaction_id"
                        + " from delivery where event_id = ? order by rule_key, action_index, id")
                .param(eventId)
                .query((rs, row) -> {
                    String status = rs.getString("status");
                    int attempts = rs.getInt("attempts");
                    String novuTransactionId = rs.getString("novu_transaction_id");
                    return new EventDetail.Delivery(
                            rs.getObject("id", UUID.class),
                            rs.getString("rule_key"),
                            rs.getInt("rule_version"),
                            rs.getInt("action_index"),
                            rs.getString("action_type"),
                            rs.getString("user_id"),
                            "pending".equals(status) && attempts > 0 ? "retrying" : status,
                            new EventDetail.Request(
                                    rs.getString("method"),
                                    rs.getString("path"),
                                    rs.getString("body"),
                                    rs.getString("transaction_id"),
                                    rs.getString("idempotency_key")),
                            instant(rs, "created_at"),
                            instant(rs, "due_at"),
                            optionalInstant(rs, "finished_at"),
                            (Integer) rs.getObject("last_http_status", Integer.class),
                            rs.getString("last_error"),
                            novuTransactionId,
                            activityFeed(novuTransactionId),
                            new ArrayList<>());
                })
                .list();
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<UUID, EventDetail.Delivery> byId = new java.util.HashMap<>();
        deliveries.forEach(d -> byId.put(d.id(), d));
        jdbc.sql("select delivery_id, attempt, attempted_at, http_status, latency_ms, outcome, response_excerpt,"
                        + " error from delivery_attempt where delivery_id in (:ids) order by delivery_id, attempt")
                .param("ids", List.copyOf(byId.keySet()))
                .query((rs, row) -> {
                    byId.get(rs.getObject("delivery_id", UUID.class))
                            .attempts()
                            .add(new EventDetail.Attempt(
                                    rs.getInt("attempt"),
                                    instant(rs, "attempted_at"),
                                    (Integer) rs.getObject("http_status", Integer.class),
                                    (Integer) rs.getObject("latency_ms", Integer.class),
                                    rs.getString("outcome"),
                                    rs.getString("response_excerpt"),
                                    rs.getString("error")));
                    return null;
                })
                .list();
        return deliveries;
    }

    private @Nullable String activityFeed(@Nullable String novuTransactionId) {
        if (novuTransactionId == null || properties.novuDashboardUrl().isBlank()) {
            return null;
        }
        return properties.novuDashboardUrl().replaceAll("/+$", "") + "/activity-feed?transactionId="
                + java.net.URLEncoder.encode(novuTransactionId, StandardCharsets.UTF_8);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
