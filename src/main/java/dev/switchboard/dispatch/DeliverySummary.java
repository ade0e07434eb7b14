package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One delivery as a list of deliveries shows it: which message and rule, how it ended, why. */
public record DeliverySummary(
        UUID id,
        UUID eventId,
        String messageId,
        String rule,
        int ruleVersion,
        String actionType,
        @Nullable String userId,
        String status,
        int attempts,
        Instant createdAt,
        @Nullable Instant finishedAt,
        @Nullable Integer lastHttpStatus,
        @Nullable String lastError,
        boolean retryable) {}
