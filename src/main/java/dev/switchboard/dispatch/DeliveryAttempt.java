package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One call made for a delivery and what came of it ({@code delivery_attempt}). */
record DeliveryAttempt(
        UUID id,
        UUID deliveryId,
        int attempt,
        Instant attemptedAt,
        @Nullable Integer httpStatus,
        @Nullable Integer latencyMs,
        String outcome,
        @Nullable String responseExcerpt,
        @Nullable String error) {}
