package dev.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    /** A clock the test moves by hand: no sleeping. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void letsAFewMistakesPassWithoutWaiting() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS - 1; i++) {
            throttle.failed("ann", "10.0.0.1");
        }

        assertThat(throttle.waitFor("ann", "10.0.0.1")).isZero();
    }

    @Test
    void makesRepeatedFailuresWaitLongerAndLongerUpToALimit() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));

        clock.now = clock.now.plusSeconds(30);
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isZero();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEqualTo(Duration.ofMinutes(1));

        assertThat(LoginThrottle.wait(LoginThrottle.FREE_ATTEMPTS + 2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoginThrottle.wait(100)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void countsPerUserNameAndAddressIgnoringCase() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS; i++) {
            throttle.failed("Ann", "10.0.0.1");
        }

        assertThat(throttle.waitFor("ann", "10.0.0.1")).isPositive();
        assertThat(throttle.waitFor("bob", "10.0.0.1")).isZero();
        assertThat(throttle.waitFor("ann", "10.0.0.2")).isZero();
    }

    @Test
    void forgivesAfterASuccessfulLogin() {
        for (int i = 0; i < LoginThrottle.FREE_ATTEMPTS - 1; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        throttle.succeeded("ann", "10.0.0.1");
        throttle.failed("ann", "10.0.0.1");

        assertThat(throttle.waitFor("ann", "10.0.0.1")).isZero();
    }
}
