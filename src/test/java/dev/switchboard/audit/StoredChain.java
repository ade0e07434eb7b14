package dev.switchboard.audit;

import dev.switchboard.message.Ids;
import dev.switchboard.message.LookupKeys;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes audit rows the way intake and dispatch do, for populating a database with known messages. */
public final class StoredChain {

    private static final String TRACE = "{\"when\":\"event = 'x' (found 'x')\"}";

    private final JdbcClient jdbc;

    public StoredChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID message(
            String messageId,
            String type,
            @Nullable String event,
            @Nullable String userId,
            @Nullable String anonymousId,
            String status,
            Instant receivedAt,
            String payload) {
        UUID id = Ids.newId();
        jdbc.sql("insert into event_message (id, source, message_id, type, event, user_id, anonymous_id, status,"
                        + " received_at, event_timestamp, payload, message_key, user_key, anonymous_key) values (:id,"
                        + " 'web', :mid, :type, :event, :user, :anon, :status, :at, :at, :payload, :midKey, :userKey,"
                        + " :anonKey)")
                .param("id", id)
                .param("mid", messageId)
                .param("midKey", LookupKeys.keyOf(messageId))
                .param("userKey", LookupKeys.of(userId), Types.BIGINT)
                .param("anonKey", LookupKeys.of(anonymousId), Types.BIGINT)
                .param("type", type)
                .param("event", event)
                .param("user", userId)
                .param("anon", anonymousId)
                .param("status", status)
                .param("at", receivedAt.atOffset(ZoneOffset.UTC))
                .param("payload", payload)
                .update();
        return id;
    }

    /**
     * A decision as intake stores it since V50: matched and error as a {@code rule_decision} row, not_matched as
     * an element of the message's {@code unmatched_decisions} (decided when the message was received).
     */
    public void decision(UUID eventId, String ruleKey, String outcome, Instant at) {
        if (!outcome.equals("not_matched")) {
            decisionRow(eventId, ruleKey, outcome, at);
            return;
        }
        String stored = jdbc.sql("select unmatched_decisions from event_message where id = ?")
                .param(eventId)
                .query(String.class)
                .list()
                .get(0);
        String element = "{\"rule\":\"" + ruleKey + "\",\"version\":3,\"trace\":" + TRACE + "}";
        jdbc.sql("update event_message set unmatched_decisions = ? where id = ?")
                .params(
                        stored == null
                                ? "[" + element + "]"
                                : stored.substring(0, stored.length() - 1) + "," + element + "]",
                        eventId)
                .update();
    }

    /** A decision as a {@code rule_decision} row, whatever its outcome: how not_matched was stored before V50. */
    public void decisionRow(UUID eventId, String ruleKey, String outcome, Instant at) {
        jdbc.sql("insert into rule_decision (id, event_id, rule_key, rule_version, outcome, trace, decided_at)"
                        + " values (:id, :event, :rule, 3, :outcome, :trace, :at)")
                .param("id", Ids.newId())
                .param("event", eventId)
                .param("rule", ruleKey)
                .param("outcome", outcome)
                .param("trace", TRACE)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    public UUID delivery(
            UUID eventId,
            String ruleKey,
            @Nullable String userId,
            String status,
            int attempts,
            Instant createdAt,
            @Nullable String novuTransactionId) {
        UUID id = Ids.newId();
        jdbc.sql("insert into delivery (id, event_id, source, message_id, rule_key, rule_version, action_index,"
                        + " action_type, user_id, method, path, body, transaction_id, idempotency_key, status, attempts,"
                        + " created_at, due_at, novu_transaction_id, finished_at, user_key, transaction_key) values"
                        + " (:id, :event, 'web', 'm', :rule, 3, 0, 'trigger', :user, 'POST', '/v1/events/trigger',"
                        + " '{\"name\":\"w\"}', :tx, :key, :status, :attempts, :at, :at, :novu, :finished, :userKey,"
                        + " :txKey)")
                .param("id", id)
                .param("event", eventId)
                .param("rule", ruleKey)
                .param("user", userId)
                .param("userKey", LookupKeys.of(userId), Types.BIGINT)
                .param("tx", "sb-" + id)
                .param("txKey", LookupKeys.keyOf("sb-" + id))
                .param("key", "sb-trigger-" + id)
                .param("status", status)
                .param("attempts", attempts)
                .param("at", createdAt.atOffset(ZoneOffset.UTC))
                .param("novu", novuTransactionId)
                .param(
                        "finished",
                        status.equals("pending") || status.equals("sending")
                                ? null
                                : createdAt.plusMillis(250).atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    public void attempt(UUID deliveryId, int attempt, Instant at, @Nullable Integer httpStatus, String excerpt) {
        jdbc.sql("insert into delivery_attempt (id, delivery_id, attempt, attempted_at, http_status, latency_ms,"
                        + " outcome, response_excerpt) values (:id, :delivery, :attempt, :at, :http, 42, :outcome,"
                        + " :excerpt)")
                .param("id", Ids.newId())
                .param("delivery", deliveryId)
                .param("attempt", attempt)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("http", httpStatus)
                .param("outcome", httpStatus != null && httpStatus < 300 ? "delivered" : "retry")
                .param("excerpt", excerpt)
                .update();
    }
}
