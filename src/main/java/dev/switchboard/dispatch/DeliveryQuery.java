package dev.switchboard.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which deliveries that did not go through: every field optional.
 *
 * @param status one of {@link FailedDeliveries#STATUSES}; {@code null}: failed and dead
 * @param reason exactly a {@link DeliveryGroup#reason()}
 * @param from created at or after
 * @param to created before
 */
public record DeliveryQuery(
        @Nullable String status,
        @Nullable String rule,
        @Nullable String reason,
        @Nullable Instant from,
        @Nullable Instant to) {

    DeliveryFilter filter() {
        return filter(status == null ? List.of(Delivery.FAILED, Delivery.DEAD) : List.of(status));
    }

    DeliveryFilter filter(List<String> statuses) {
        return new DeliveryFilter(statuses, rule, null, from, to, reason);
    }
}
