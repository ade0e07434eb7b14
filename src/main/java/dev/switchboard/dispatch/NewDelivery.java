package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery row as intake writes it: the exact request, fixed once, and when it is due.
 *
 * @param status {@code pending} for a call to make, {@code invalid} for an action that cannot be sent
 * @param lastError why an invalid action cannot be sent
 */
public record NewDelivery(
        UUID id,
        UUID eventId,
        String source,
        String messageId,
        String ruleKey,
        int ruleVersion,
        int actionIndex,
        String actionType,
        @Nullable String userId,
        String method,
        String path,
        @Nullable String body,
        String transactionId,
        String idempotencyKey,
        String status,
        Instant createdAt,
        Instant dueAt,
        @Nullable String lastError) {

    public static final String PENDING = "pending";
    public static final String INVALID = "invalid";
    /** Method of work Switchboard does itself (cancel by rule) rather than a Novu call. */
    public static final String LOCAL = "LOCAL";
}
