package dev.switchboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@link #FREE_ATTEMPTS} failed logins for one user name from one address,
 * each further attempt must wait, twice as long after every failure (30 s, 1 min, 2 min ... at most 15 min).
 * A successful login clears the count. Kept in memory: a restart forgives, which is acceptable for a throttle.
 */
@Component
class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user name from this address must still wait before trying again; zero when it may try. */
    Duration waitFor(String username, String address) {
        Failures entry = failures.get(key(username, address));
        if (entry == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), entry.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_TRACKED) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> f.lockedUntil().isBefore(now.minus(LONGEST_WAIT)));
        }
        failures.compute(key(username, address), (key, entry) -> {
            int count = entry == null ? 1 : entry.count() + 1;
            return new Failures(count, clock.instant().plus(wait(count)));
        });
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    static Duration wait(int failures) {
        if (failures < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_ATTEMPTS, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static String key(String username, String address) {
        return username.trim().toLowerCase(Locale.ROOT) + "|" + address;
    }
}
