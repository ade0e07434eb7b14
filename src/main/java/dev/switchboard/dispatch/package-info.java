/**
 * Delivery: the outbox ({@link dev.switchboard.dispatch.Outbox}) that intake writes in its own transaction, and
 * the workers that send what the rules decided to Novu, with retries (exponential backoff,
 * full jitter, Retry-After), a client-side rate limit per Novu category, a circuit breaker, per-user ordering,
 * scheduled deliveries and cancels, dry runs, and the dead letters API ({@code /api/deliveries}).
 *
 * <p>Decisions the issue leaves open:
 *
 * <ul>
 *   <li>Topic subscription calls that answer 2xx with per-subscriber {@code errors} are delivered; the errors
 *       are kept in {@code last_error} and the attempt, since repeating the call would fail the same items.
 *   <li>Ordering: a delivery waits for earlier unfinished deliveries of its userId (sending, due, retrying or
 *       held back by the rate limit), but not for ones merely scheduled for later by a {@code delay}.
 *   <li>Cancel by rule cancels the rule's pending deliveries of that user created in the window locally, and
 *       queues a Novu cancel (a delivery of its own, with retries) per delivered trigger.
 *   <li>Re-queued deliveries keep their request, transactionId and Idempotency-Key and get a fresh retry budget.
 * </ul>
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"novu", "message", "web", "settings", "config"})
package dev.switchboard.dispatch;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
