package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.novu.NovuBucket;
import dev.switchboard.settings.RateLimits;
import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Setting;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The dispatcher's rate limiter follows the plan or rates chosen on /settings, without a restart. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RateLimitSettingsIntegrationTests {

    @Autowired
    RateLimiter limiter;

    @Autowired
    RuntimeSettings settings;

    @AfterEach
    void backToTheEnvironment() {
        settings.reset(Setting.RATE_LIMIT, "test-cleanup");
    }

    @Test
    void usesThePlanChosenOnSettings() {
        assertThat(limiter.rates().trigger())
                .as("the environment's default: Free")
                .isEqualTo(60);

        settings.set(Setting.RATE_LIMIT, "enterprise", "ada");

        assertThat(limiter.rates()).isEqualTo(RateLimits.Plan.ENTERPRISE.limits());
    }

    @Test
    void aCustomRateSpacesRequestsAtOnce() {
        settings.set(Setting.RATE_LIMIT, "custom:1,1,1", "ada");

        // One request per second: the burst of one goes now, the next waits for the bucket to refill.
        Duration first = limiter.reserve(NovuBucket.CONFIGURATION);
        Duration second = limiter.reserve(NovuBucket.CONFIGURATION);
        limiter.cancel(NovuBucket.CONFIGURATION);
        limiter.cancel(NovuBucket.CONFIGURATION);

        assertThat(first).isLessThan(Duration.ofMillis(100));
        assertThat(second).isGreaterThan(Duration.ofMillis(900));

        settings.set(Setting.RATE_LIMIT, "custom:1,1000,1", "ada");
        limiter.reserve(NovuBucket.CONFIGURATION);
        assertThat(limiter.reserve(NovuBucket.CONFIGURATION))
                .as("a thousand per second, after the change")
                .isLessThan(Duration.ofMillis(100));
    }
}
