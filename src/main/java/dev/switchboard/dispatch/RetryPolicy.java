package dev.switchboard.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When to try again: exponential backoff with full jitter (a random wait between zero and
 * {@code initial * 2^(attempts-1)}, capped at {@code max}), never sooner than Novu asked ({@code Retry-After},
 * {@code RateLimit-Reset}); no retry after {@code maxAttempts} or once the next try would fall past
 * {@code maxAge} from the delivery's start.
 */
final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final int maxAttempts;
    private final Duration maxAge;
    private final DoubleSupplier random;

    RetryPolicy(DispatchProperties properties, DoubleSupplier random) {
        this.initial = properties.initialBackoff();
        this.max = properties.maxBackoff();
        this.maxAttempts = properties.maxAttempts();
        this.maxAge = properties.maxAge();
        this.random = random;
    }

    /**
     * @param attempts attempts made so far, the failed one included
     * @param start when the delivery's retry budget started (written, or re-queued)
     * @param now the time of the failure
     * @param asked the wait Novu asked for, if any
     * @return when to try next, or empty when it is time to give up
     */
    Optional<Instant> next(int attempts, Instant start, Instant now, @Nullable Duration asked) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = backoff(attempts);
        if (asked != null && asked.compareTo(wait) > 0) {
            wait = asked;
        }
        Instant next = now.plus(wait);
        return next.isAfter(start.plus(maxAge)) ? Optional.empty() : Optional.of(next);
    }

    Duration backoff(int attempts) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempts && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }
}
