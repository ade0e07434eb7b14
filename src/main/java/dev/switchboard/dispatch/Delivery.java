package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of the outbox ({@code delivery}), as stored. */
record Delivery(
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
        int attempts,
        Instant createdAt,
        Instant dueAt,
        @Nullable String claimedBy,
        @Nullable Instant claimedUntil,
        @Nullable Integer lastHttpStatus,
        @Nullable String lastError,
        @Nullable String novuTransactionId,
        @Nullable Instant finishedAt,
        @Nullable Instant retryBudgetFrom,
        int requeueAttempts,
        @Nullable String maskPointers) {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String DEAD = "dead";
    static final String INVALID = "invalid";
    static final String DRY_RUN = "dry_run";
    static final String CANCELLED = "cancelled";

    static final String LOCAL = "LOCAL";

    /**
     * When the retry budget (max age) started: when the delivery first became due (a delayed delivery gets its
     * full budget once its time comes), or when it was re-queued. Before the first attempt that is its due time.
     */
    Instant budgetStart() {
        return retryBudgetFrom != null ? retryBudgetFrom : dueAt;
    }

    int attemptsInBudget() {
        return attempts - requeueAttempts;
    }
}
