package dev.switchboard.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Which deliveries: every field optional, all given ones must hold. {@code from} inclusive, {@code to} not. */
record DeliveryFilter(
        @Nullable String status,
        @Nullable String rule,
        @Nullable String user,
        @Nullable Instant from,
        @Nullable Instant to) {}
