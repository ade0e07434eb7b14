package dev.switchboard.ingest;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored valid message, as backtests replay it: the row's facts and the message JSON as stored. */
public record StoredMessage(
        UUID id,
        String messageId,
        String type,
        @Nullable String event,
        @Nullable String userId,
        @Nullable String anonymousId,
        Instant receivedAt,
        String payload) {}
