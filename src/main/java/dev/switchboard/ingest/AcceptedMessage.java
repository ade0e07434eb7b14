package dev.switchboard.ingest;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A valid message, with the server-set fields in place ({@code receivedAt}, {@code originalTimestamp},
 * {@code messageId} when missing, the skew-corrected {@code timestamp}) and the write key removed.
 *
 * @param event the track event name, or the page/screen name
 */
public record AcceptedMessage(
        int index,
        String type,
        String messageId,
        @Nullable String userId,
        @Nullable String anonymousId,
        @Nullable String event,
        Instant timestamp,
        Map<String, Object> fields)
        implements IntakeItem {}
