package dev.switchboard.dispatch;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The deliveries that did not go through, for people: grouped by rule and reason, listed, and sent again (the
 * stored request, with the same transactionId and Idempotency-Key, and a fresh retry budget). Only failed and
 * dead deliveries can be sent again: invalid ones can never be sent, retrying ones are still queued. Thread
 * safe; every method is one statement against the outbox.
 */
@Service
public class FailedDeliveries {

    /** The states a person looks at here, in the order a filter offers them. */
    public static final List<String> STATUSES =
            List.of(Delivery.FAILED, Delivery.DEAD, DeliveryFilter.RETRYING, Delivery.INVALID);

    private static final List<String> RETRYABLE = List.of(Delivery.FAILED, Delivery.DEAD);

    private final DeliveryStore store;
    private final Dispatcher dispatcher;
    private final Clock clock;

    FailedDeliveries(DeliveryStore store, Dispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Whether a person may send a delivery in this state again (failed or dead). */
    public static boolean retryable(String status) {
        return RETRYABLE.contains(status);
    }

    /** The matching deliveries per rule, status and reason, the largest groups first, at most {@code limit}. */
    public List<DeliveryGroup> groups(DeliveryQuery query, int limit) {
        return store.groups(query.filter(), limit);
    }

    /** The matching deliveries, newest first. */
    public List<DeliverySummary> find(DeliveryQuery query, long offset, int limit) {
        return store.find(query.filter(), offset, limit).stream()
                .map(FailedDeliveries::summary)
                .toList();
    }

    public long count(DeliveryQuery query) {
        return store.count(query.filter());
    }

    /** How many of the matching deliveries {@link #retryMatching} would send again. */
    public long countRetryable(DeliveryQuery query) {
        List<String> statuses = retryable(query);
        return statuses.isEmpty() ? 0 : store.count(query.filter(statuses));
    }

    /**
     * Sends these deliveries again, those of them that are failed or dead.
     *
     * @return how many were queued
     */
    public int retry(Collection<UUID> ids) {
        return woken(store.requeue(ids, RETRYABLE, clock.instant()));
    }

    /** Sends every failed or dead delivery matching the query again and answers how many were queued. */
    public int retryMatching(DeliveryQuery query) {
        List<String> statuses = retryable(query);
        return statuses.isEmpty() ? 0 : woken(store.requeue(query.filter(statuses), RETRYABLE, clock.instant()));
    }

    /** The retryable statuses the query selects: none when it asks for retrying or invalid deliveries. */
    private static List<String> retryable(DeliveryQuery query) {
        if (query.status() == null) {
            return RETRYABLE;
        }
        return RETRYABLE.contains(query.status()) ? List.of(query.status()) : List.of();
    }

    private int woken(int queued) {
        if (queued > 0) {
            dispatcher.wake();
        }
        return queued;
    }

    private static DeliverySummary summary(Delivery d) {
        boolean tried = Delivery.PENDING.equals(d.status()) && d.attempts() > 0;
        return new DeliverySummary(
                d.id(),
                d.eventId(),
                d.messageId(),
                d.ruleKey(),
                d.ruleVersion(),
                d.actionType(),
                d.userId(),
                tried ? DeliveryFilter.RETRYING : d.status(),
                d.attempts(),
                d.createdAt(),
                d.finishedAt(),
                d.lastHttpStatus(),
                d.lastError(),
                RETRYABLE.contains(d.status()) && !Delivery.LOCAL.equals(d.method()));
    }
}
