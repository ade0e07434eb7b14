package dev.switchboard.novu;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one call to Novu came to, classified.
 *
 * @param outcome delivered, a permanent failure (never retried) or a failure worth retrying
 * @param httpStatus the answer's status, {@code null} when none came (timeout, connection error)
 * @param reason short and stable: {@code processed}, {@code trigger_not_active}, {@code HTTP 400: ...},
 *     {@code workflow_not_found: welcome}, {@code timeout}, ...
 * @param retryAfter the longest of {@code Retry-After} and {@code RateLimit-Reset} when Novu sent one
 * @param novuTransactionId the transactionId Novu acknowledged a trigger with
 * @param responseExcerpt the start of the answer body, for the attempt log
 * @param partialErrors per-item errors of a 2xx answer (topic subscriptions), {@code null} when there are none
 * @param latency time from sending to the full answer (or to the failure)
 */
public record NovuResult(
        Outcome outcome,
        @Nullable Integer httpStatus,
        String reason,
        @Nullable Duration retryAfter,
        @Nullable String novuTransactionId,
        @Nullable String responseExcerpt,
        @Nullable String partialErrors,
        Duration latency) {

    public enum Outcome {
        DELIVERED,
        PERMANENT,
        RETRY
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** 429: the whole rate-limit bucket should back off, not just this delivery. */
    public boolean rateLimited() {
        return httpStatus != null && httpStatus == 429;
    }

    /** 402: the Novu plan ran out; nothing will go through until someone pays, so it raises an alert. */
    public boolean paymentRequired() {
        return httpStatus != null && httpStatus == 402;
    }

    /**
     * Novu (or the way to it) is failing rather than refusing this request: 5xx, 408, timeouts and connection
     * errors. These count towards the circuit breaker; 409, 429 and 4xx do not, Novu is answering fine.
     */
    public boolean novuFailure() {
        return outcome == Outcome.RETRY && (httpStatus == null || httpStatus >= 500 || httpStatus == 408);
    }
}
