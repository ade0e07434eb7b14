package dev.switchboard.support;

import dev.switchboard.message.Ids;
import dev.switchboard.message.LookupKeys;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes outbox rows the way intake will, for dispatch tests: {@code Deliveries.trigger("welcome", "u1").insert(jdbc)}. */
public final class Deliveries {

    private UUID id = Ids.newId();
    private UUID eventId = Ids.newId();
    private String source = "web";
    private String messageId = "msg-" + UUID.randomUUID();
    private String ruleKey = "test-rule";
    private int ruleVersion = 1;
    private int actionIndex = 0;
    private String actionType = "trigger";
    private @Nullable String userId;
    private String method = "POST";
    private String path = "/v1/events/trigger";
    private @Nullable String body;
    private String transactionId = "sb-" + UUID.randomUUID().toString().replace("-", "");
    private String idempotencyKey = "sb-trigger-" + UUID.randomUUID().toString().replace("-", "");
    private String status = "pending";
    private int attempts = 0;
    private Instant createdAt = Instant.now();
    private @Nullable Instant dueAt;
    private @Nullable String claimedBy;
    private @Nullable Instant claimedUntil;
    private @Nullable Integer lastHttpStatus;
    private @Nullable String lastError;

    private Deliveries() {}

    /** A trigger of {@code workflow} for subscriber {@code userId}, with a transactionId in the body. */
    public static Deliveries trigger(String workflow, @Nullable String userId) {
        Deliveries d = new Deliveries();
        d.userId = userId;
        d.body = "{\"name\":\"" + workflow + "\",\"to\":{\"subscriberId\":\"" + (userId == null ? "anon" : userId)
                + "\"},\"payload\":{\"n\":1},\"transactionId\":\"" + d.transactionId + "\"}";
        return d;
    }

    public static Deliveries identify(String userId) {
        Deliveries d = new Deliveries();
        d.userId = userId;
        d.actionType = "identify";
        d.path = "/v2/subscribers";
        d.idempotencyKey = "sb-identify-" + UUID.randomUUID().toString().replace("-", "");
        d.body = "{\"subscriberId\":\"" + userId + "\",\"firstName\":\"Ada\"}";
        return d;
    }

    public static Deliveries addToTopic(String topicKey, String... subscriberIds) {
        Deliveries d = new Deliveries();
        d.actionType = "add_to_topic";
        d.path = "/v2/topics/" + topicKey + "/subscriptions";
        d.idempotencyKey = "sb-add_to_topic-" + UUID.randomUUID().toString().replace("-", "");
        d.body = "{\"subscriptions\":[\"" + String.join("\",\"", subscriberIds) + "\"]}";
        return d;
    }

    /** A Novu cancel of {@code transactionId} ({@code DELETE /v1/events/trigger/{id}}). */
    public static Deliveries cancelTransaction(String transactionId, @Nullable String userId) {
        Deliveries d = new Deliveries();
        d.userId = userId;
        d.actionType = "cancel";
        d.method = "DELETE";
        d.path = "/v1/events/trigger/" + transactionId;
        d.body = null;
        d.transactionId = transactionId;
        d.idempotencyKey = "sb-cancel-" + UUID.randomUUID().toString().replace("-", "");
        return d;
    }

    /** A cancel by rule ({@code LOCAL}). */
    public static Deliveries cancelRule(String rule, Duration within, @Nullable String userId) {
        Deliveries d = new Deliveries();
        d.userId = userId;
        d.actionType = "cancel";
        d.method = "LOCAL";
        d.path = "cancel-by-rule";
        d.body = "{\"rule\":\"" + rule + "\",\"within\":\"" + within + "\",\"userId\":"
                + (userId == null ? "null" : "\"" + userId + "\"") + "}";
        return d;
    }

    public Deliveries rule(String ruleKey) {
        this.ruleKey = ruleKey;
        return this;
    }

    public Deliveries createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public Deliveries dueAt(Instant dueAt) {
        this.dueAt = dueAt;
        return this;
    }

    public Deliveries status(String status) {
        this.status = status;
        return this;
    }

    public Deliveries attempts(int attempts) {
        this.attempts = attempts;
        return this;
    }

    /** Ended (or waits for its next attempt) after Novu answered {@code httpStatus} (null: no answer) for {@code error}. */
    public Deliveries failure(String status, @Nullable Integer httpStatus, String error) {
        this.status = status;
        this.attempts = Math.max(attempts, 1);
        this.lastHttpStatus = httpStatus;
        this.lastError = error;
        return this;
    }

    public Deliveries eventId(UUID eventId) {
        this.eventId = eventId;
        return this;
    }

    public Deliveries claimed(String by, Instant until) {
        this.status = "sending";
        this.claimedBy = by;
        this.claimedUntil = until;
        return this;
    }

    public Deliveries transactionId(String transactionId) {
        if (body != null) {
            body = body.replace(this.transactionId, transactionId);
        }
        this.transactionId = transactionId;
        return this;
    }

    public Deliveries body(@Nullable String body) {
        this.body = body;
        return this;
    }

    public String transactionId() {
        return transactionId;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public @Nullable String body() {
        return body;
    }

    public UUID id() {
        return id;
    }

    /** Inserts the row and answers its id. */
    public UUID insert(JdbcClient jdbc) {
        jdbc.sql("insert into delivery (id, event_id, source, message_id, rule_key, rule_version, action_index,"
                        + " action_type, user_id, method, path, body, transaction_id, idempotency_key, status, attempts,"
                        + " created_at, due_at, claimed_by, claimed_until, last_http_status, last_error, user_key,"
                        + " transaction_key) values (:id, :event, :source, :message, :rule, :version, :index, :type,"
                        + " :user, :method, :path, :body, :tx, :key, :status, :attempts, :created, :due, :claimedBy,"
                        + " :claimedUntil, :http, :error, :userKey, :txKey)")
                .param("id", id)
                .param("event", eventId)
                .param("source", source)
                .param("message", messageId)
                .param("rule", ruleKey)
                .param("version", ruleVersion)
                .param("index", actionIndex)
                .param("type", actionType)
                .param("user", userId)
                .param("method", method)
                .param("path", path)
                .param("body", body)
                .param("tx", transactionId)
                .param("txKey", LookupKeys.keyOf(transactionId))
                .param("userKey", LookupKeys.of(userId), Types.BIGINT)
                .param("key", idempotencyKey)
                .param("status", status)
                .param("attempts", attempts)
                .param("created", createdAt.atOffset(ZoneOffset.UTC))
                .param("due", (dueAt == null ? createdAt : dueAt).atOffset(ZoneOffset.UTC))
                .param("claimedBy", claimedBy)
                .param("claimedUntil", claimedUntil == null ? null : claimedUntil.atOffset(ZoneOffset.UTC))
                .param("http", lastHttpStatus)
                .param("error", lastError)
                .update();
        return id;
    }

    /** The status of a delivery. */
    public static String status(JdbcClient jdbc, UUID id) {
        return jdbc.sql("select status from delivery where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
