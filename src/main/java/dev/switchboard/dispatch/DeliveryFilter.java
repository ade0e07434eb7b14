package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which deliveries: every field optional, all given ones must hold. {@code statuses} empty means any status; it may
 * hold {@link #RETRYING}, a pending delivery that was tried before. {@code from} inclusive, {@code to} not;
 * {@code reason} is the start of {@code last_error} as {@link DeliveryStore#REASON} cuts it.
 */
record DeliveryFilter(
        List<String> statuses,
        @Nullable String rule,
        @Nullable String user,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String reason) {

    /** Not a stored status: pending again after at least one failed attempt, waiting for the next. */
    static final String RETRYING = "retrying";

    DeliveryFilter {
        statuses = List.copyOf(statuses);
    }

    static DeliveryFilter of(
            @Nullable String status,
            @Nullable String rule,
            @Nullable String user,
            @Nullable Instant from,
            @Nullable Instant to) {
        return new DeliveryFilter(status == null ? List.of() : List.of(status), rule, user, from, to, null);
    }
}
