package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery row as intake writes it: the exact request, fixed once, and when it is due.
 *
 * @param status {@code pending} for a call to make, {@code invalid} for an action that cannot be sent
 * @param lastError why an invalid action cannot be sent
 * @param maskPointers JSON pointers to the values of the body that hold a masked value (never stored elsewhere)
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
        @Nullable String lastError,
        List<String> maskPointers) {

    public NewDelivery(
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
        this(
                id,
                eventId,
                source,
                messageId,
                ruleKey,
                ruleVersion,
                actionIndex,
                actionType,
                userId,
                method,
                path,
                body,
                transactionId,
                idempotencyKey,
                status,
                createdAt,
                dueAt,
                lastError,
                List.of());
    }

    /** This delivery, with the pointers to the masked values in its body. */
    public NewDelivery withMaskPointers(List<String> pointers) {
        return new NewDelivery(
                id,
                eventId,
                source,
                messageId,
                ruleKey,
                ruleVersion,
                actionIndex,
                actionType,
                userId,
                method,
                path,
                body,
                transactionId,
                idempotencyKey,
                status,
                createdAt,
                dueAt,
                lastError,
                List.copyOf(pointers));
    }

    public static final String PENDING = "pending";
    public static final String INVALID = "invalid";
    /** Method of work Switchboard does itself (cancel by rule) rather than a Novu call. */
    public static final String LOCAL = "LOCAL";
}
