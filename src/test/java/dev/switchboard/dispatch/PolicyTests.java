package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Backoff, rate limit and circuit breaker on a clock the test moves. */
class PolicyTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static DispatchProperties properties(int maxAttempts, Duration maxAge, int threshold) {
        return new DispatchProperties(
                true,
                Duration.ofSeconds(1),
                20,
                4,
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                maxAttempts,
                maxAge,
                threshold,
                Duration.ofSeconds(30),
                true,
                Duration.ofSeconds(30),
                new DispatchProperties.RateLimit(60, 20, 30));
    }

    @Test
    void backoffIsExponentialWithFullJitterAndCapped() {
        RetryPolicy highest = new RetryPolicy(properties(100, Duration.ofDays(30), 20), () -> 0.999999);
        RetryPolicy lowest = new RetryPolicy(properties(100, Duration.ofDays(30), 20), () -> 0.0);

        assertThat(highest.backoff(1))
                .isLessThanOrEqualTo(Duration.ofSeconds(1))
                .isGreaterThan(Duration.ofMillis(990));
        assertThat(highest.backoff(4))
                .isLessThanOrEqualTo(Duration.ofSeconds(8))
                .isGreaterThan(Duration.ofMillis(7990));
        assertThat(highest.backoff(30))
                .isLessThanOrEqualTo(Duration.ofMinutes(10))
                .isGreaterThan(Duration.ofSeconds(599));
        assertThat(lowest.backoff(10)).isEqualTo(Duration.ZERO);
    }

    @Test
    void novusWaitIsHonouredAndTheBudgetEnds() {
        Instant start = clock.instant();
        RetryPolicy policy = new RetryPolicy(properties(5, Duration.ofHours(4), 20), () -> 0.5);

        assertThat(policy.next(1, start, start, Duration.ofSeconds(30))).contains(start.plusSeconds(30));
        assertThat(policy.next(1, start, start, null)).contains(start.plusMillis(500));
        assertThat(policy.next(5, start, start, null)).isEmpty();
        assertThat(policy.next(2, start, start.plus(Duration.ofHours(4)), null)).isEmpty();
        assertThat(policy.next(2, start, start, Duration.ofHours(5))).isEmpty();
    }

    @Test
    void tokenBucketHoldsTheLimitInEveryWindowAndWaitsAfterA429() {
        TokenBucket bucket = new TokenBucket(100, clock);

        int immediate = 0;
        while (bucket.reserve().isZero()) {
            immediate++;
        }
        // A burst of 1% of the limit, then the next reservations wait for a refill at 99 per second.
        assertThat(immediate).isEqualTo(1);
        assertThat(bucket.reserve()).isBetween(Duration.ofMillis(10), Duration.ofMillis(21));

        clock.advance(Duration.ofSeconds(10));
        int sentInOneSecond = 0;
        Instant end = clock.instant().plusSeconds(1);
        while (clock.instant().isBefore(end)) {
            Duration wait = bucket.reserve();
            clock.advance(wait);
            if (clock.instant().isBefore(end)) {
                sentInOneSecond++;
            }
        }
        assertThat(sentInOneSecond).isBetween(98, 100);

        clock.advance(Duration.ofSeconds(10));
        bucket.pauseUntil(clock.instant().plusSeconds(3));
        assertThat(bucket.reserve()).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3012));
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresAndTriesOneAfterTheCoolDown() {
        CircuitBreaker breaker =
                new CircuitBreaker(properties(25, Duration.ofHours(4), 3), clock, new SimpleMeterRegistry());

        breaker.failure();
        breaker.failure();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertThat(breaker.permits(5)).isEqualTo(5);
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.permits(5)).isZero();

        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.permits(5)).isEqualTo(1);
        assertThat(breaker.permits(5)).isZero();
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.permits(5)).isEqualTo(1);
        breaker.success();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.permits(5)).isEqualTo(5);
    }

    @Test
    void aTrialThatMadeNoCallDoesNotHoldTheCircuitHalfOpen() {
        CircuitBreaker breaker =
                new CircuitBreaker(properties(25, Duration.ofHours(4), 1), clock, new SimpleMeterRegistry());
        breaker.failure();
        clock.advance(Duration.ofSeconds(31));

        assertThat(breaker.permits(5)).isEqualTo(1);
        breaker.neutral();

        assertThat(breaker.permits(5)).isEqualTo(1);
    }
}
