package dev.switchboard.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One stored message as the event list shows it. */
public record EventSummary(
        UUID id,
        String source,
        String messageId,
        @Nullable String type,
        @Nullable String event,
        @Nullable String userId,
        @Nullable String anonymousId,
        String status,
        @Nullable String rejectReason,
        Instant receivedAt,
        @Nullable Instant timestamp) {}
