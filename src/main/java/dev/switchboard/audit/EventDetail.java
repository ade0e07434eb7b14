package dev.switchboard.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message's whole chain: the message as stored, what every rule said about it (version and explanation),
 * and each delivery with its exact request, its state and every attempt with Novu's answer.
 */
public record EventDetail(
        EventSummary summary, @JsonRawValue String message, List<Decision> decisions, List<Delivery> deliveries) {

    /** @param explanation the rule's trace: the values found, their types and hints (JSON) */
    public record Decision(
            String ruleKey,
            int ruleVersion,
            String outcome,
            @Nullable String error,
            @JsonRawValue @Nullable String explanation,
            Instant decidedAt) {}

    /** @param status the outbox status; {@code retrying} for a pending delivery that has already been tried */
    public record Delivery(
            UUID id,
            String ruleKey,
            int ruleVersion,
            int actionIndex,
            String actionType,
            @Nullable String userId,
            String status,
            Request request,
            Instant createdAt,
            Instant dueAt,
            @Nullable Instant finishedAt,
            @Nullable Integer lastHttpStatus,
            @Nullable String lastError,
            @Nullable String novuTransactionId,
            @Nullable String activityFeedUrl,
            List<Attempt> attempts) {}

    /** The request exactly as stored and sent; {@code body} is JSON text (or null). */
    public record Request(
            String method, String path, @Nullable String body, String transactionId, String idempotencyKey) {}

    public record Attempt(
            int attempt,
            Instant at,
            @Nullable Integer httpStatus,
            @Nullable Integer latencyMs,
            String outcome,
            @Nullable String responseExcerpt,
            @Nullable String error) {}
}
