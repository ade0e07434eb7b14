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
        @Nullable Instant requeuedAt,
        int requeueAttempts) {

    static final String PENDING = "pending";
    static final String SENDING = "sending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
    static final String DEAD = "dead";
    static final String INVALID = "invalid";
    static final String DRY_RUN = "dry_run";
    static final String CANCELLED = "cancelled";

    static final String LOCAL = "LOCAL";

    /** When the retry budget (max age) started: the last re-queue, else when the row was written. */
    Instant budgetStart() {
        return requeuedAt != null ? requeuedAt : createdAt;
    }

    int attemptsInBudget() {
        return attempts - requeueAttempts;
    }
}
