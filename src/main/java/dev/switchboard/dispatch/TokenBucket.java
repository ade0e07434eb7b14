package dev.switchboard.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the application's {@link Clock}, with reservations: each send takes a token now, even into
 * debt, and is told how long to wait for it, so concurrent workers queue up fairly at exactly the rate.
 *
 * <p>Written here rather than taken from bucket4j: it is not in the build, the limiter must run on the injected
 * clock (tests fix time), and Novu's 429 needs "the whole bucket waits until Novu's reset", which is one field
 * here. Forty lines against a new dependency.
 */
final class TokenBucket {

    private final Clock clock;
    private final double perNano;
    private final double capacity;

    private double tokens;
    private long updatedNanos;
    private long pausedUntilNanos = Long.MIN_VALUE;

    /**
     * @param limit the most requests in any one-second window: refills at 99% of it and bursts the other 1% (at
     *     least one request), so the sustained rate stays within 1% of the plan's limit without ever passing it,
     *     and the jitter of the network on top (a few requests bunching up) still keeps Novu's side within 2%
     */
    TokenBucket(double limit, Clock clock) {
        this.clock = clock;
        double burst = Math.max(1, Math.floor(limit * 0.01));
        double rate = Math.max(limit - burst, limit * 0.5);
        this.perNano = rate / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.updatedNanos = nanos();
    }

    /** Takes one token and answers how long to wait before using it; {@link Duration#ZERO} means now. */
    synchronized Duration reserve() {
        long now = nanos();
        long start = Math.max(now, pausedUntilNanos);
        refill(start);
        tokens -= 1;
        long wait = (start - now) + (tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano));
        return Duration.ofNanos(wait);
    }

    /** Gives back a reserved token that will not be used (the worker gave up waiting). */
    synchronized void cancel() {
        tokens = Math.min(capacity, tokens + 1);
    }

    /** Novu said stop (429): nothing goes out before {@code until}, and then the bucket starts empty. */
    synchronized void pauseUntil(Instant until) {
        long at = nanos(until);
        if (at > pausedUntilNanos) {
            pausedUntilNanos = at;
            tokens = Math.min(tokens, 0);
        }
    }

    synchronized Instant pausedUntil() {
        return pausedUntilNanos == Long.MIN_VALUE ? Instant.EPOCH : Instant.ofEpochSecond(0, pausedUntilNanos);
    }

    private void refill(long now) {
        if (now > updatedNanos) {
            tokens = Math.min(capacity, tokens + (now - updatedNanos) * perNano);
            updatedNanos = now;
        }
    }

    private long nanos() {
        return nanos(clock.instant());
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
