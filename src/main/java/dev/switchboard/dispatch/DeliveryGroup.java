package dev.switchboard.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Deliveries of one rule that ended the same way for the same reason.
 *
 * @param status failed, dead, invalid or {@code retrying} (pending after a failed attempt)
 * @param reason the start of the last error (Novu's status and message, or the error class); empty when none
 * @param httpStatus the highest HTTP status Novu answered in the group, {@code null} when none came
 */
public record DeliveryGroup(
        String rule,
        String status,
        String reason,
        @Nullable Integer httpStatus,
        long count,
        Instant oldest,
        Instant newest) {}
