package dev.switchboard.dispatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests outside dispatch that need a dead letter without a Novu to fail against: claims one pending
 * delivery and records, through the real {@link DeliveryStore}, the last failed attempt a worker would record
 * (HTTP 503 after the retry budget ran out). Only that row is touched, so other tests' rows stay as they are.
 */
public final class DeadDeliveries {

    static final String OWNER = "test/dead-deliveries";

    private DeadDeliveries() {}

    public static void giveUp(ApplicationContext context, UUID deliveryId) {
        DeliveryStore store = context.getBean(DeliveryStore.class);
        Instant now = Instant.now();
        int claimed = context.getBean(JdbcClient.class)
                .sql("update delivery set status = 'sending', claimed_by = ?, claimed_until = ?"
                        + " where id = ? and status = 'pending'")
                .params(OWNER, now.plusSeconds(60).atOffset(ZoneOffset.UTC), deliveryId)
                .update();
        if (claimed != 1) {
            throw new IllegalStateException("delivery " + deliveryId + " is not pending");
        }
        Delivery delivery = store.get(deliveryId).orElseThrow();
        String error = "gave up after 1 attempts: Novu answered 503";
        Object done = store.record(new DeliveryStore.Completing(
                delivery,
                OWNER,
                now,
                new DeliveryStore.Completion(
                        Delivery.DEAD,
                        null,
                        503,
                        error,
                        null,
                        new DeliveryStore.Attempt(
                                now,
                                503,
                                37,
                                "retryable",
                                "{\"statusCode\":503,\"message\":\"Service Unavailable\"}",
                                "Novu answered 503"))));
        if (!Boolean.TRUE.equals(done)) {
            throw new IllegalStateException("delivery " + deliveryId + " could not be recorded as dead");
        }
    }
}
