package dev.switchboard.dispatch;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Sends one finished delivery again, for the pages: the same re-queue as {@code POST /api/deliveries/{id}/retry}
 * (stored request, transactionId and Idempotency-Key, a fresh retry budget), then wakes the dispatcher.
 */
@Service
public class DeliveryRetry {

    /** What a retry did. */
    public enum Result {
        QUEUED,
        NOT_RETRYABLE,
        NOT_FOUND
    }

    private final DeliveryStore store;
    private final Dispatcher dispatcher;
    private final Clock clock;

    DeliveryRetry(DeliveryStore store, Dispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Whether a delivery in {@code status} may be sent again by a person (dead, failed or a dry run). */
    public static boolean retryable(String status) {
        return DeliveriesController.RETRYABLE.contains(status);
    }

    public Result retry(UUID id) {
        if (store.get(id).isEmpty()) {
            return Result.NOT_FOUND;
        }
        if (store.requeue(id, DeliveriesController.RETRYABLE, clock.instant()) == 0) {
            return Result.NOT_RETRYABLE;
        }
        dispatcher.wake();
        return Result.QUEUED;
    }
}
