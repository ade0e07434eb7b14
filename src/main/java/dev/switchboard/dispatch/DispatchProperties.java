package dev.switchboard.dispatch;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dispatch settings.
 *
 * @param enabled whether this instance sends deliveries at all (several instances may share one database)
 * @param pollInterval how often an idle dispatcher looks for due deliveries
 * @param batchSize the most deliveries claimed in one go
 * @param workers deliveries sent at the same time by this instance
 * @param lease how long a claim holds; a row claimed by a process that died is taken over after it
 * @param initialBackoff the first retry waits up to this long (full jitter: a random wait up to the backoff)
 * @param maxBackoff the backoff doubles per attempt up to this
 * @param maxAttempts attempts before a delivery is dead
 * @param maxAge a delivery still failing this long after it was written (or re-queued) is dead; Segment also
 *     gives up after 4 hours
 * @param circuitThreshold consecutive Novu failures (5xx, 408, timeouts, connection errors) that open the circuit
 * @param circuitCoolDown how long an open circuit pauses dispatch before one trial delivery
 * @param ordering deliveries of one userId go out in the order their messages arrived
 * @param shutdownTimeout how long a graceful stop waits for calls in flight
 * @param rateLimit requests per second per Novu rate-limit category
 */
@Validated
@ConfigurationProperties("switchboard.dispatch")
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("20") @Positive @Max(1000) int batchSize,
        @DefaultValue("4") @Positive @Max(256) int workers,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("1s") @NotNull Duration initialBackoff,
        @DefaultValue("10m") @NotNull Duration maxBackoff,
        @DefaultValue("25") @Positive int maxAttempts,
        @DefaultValue("4h") @NotNull Duration maxAge,
        @DefaultValue("20") @Positive int circuitThreshold,
        @DefaultValue("30s") @NotNull Duration circuitCoolDown,
        @DefaultValue("true") boolean ordering,
        @DefaultValue("30s") @NotNull Duration shutdownTimeout,
        @DefaultValue @Valid @NotNull RateLimit rateLimit) {

    /**
     * Novu's limits per category, in requests per second, as the plan states them. The defaults are the Free
     * plan's (trigger 60, configuration 20, global 30), the one every account has, so a fresh install never
     * bounces off Novu; set the plan's numbers (Pro 240/80/120, Team 600/200/300, Enterprise 6000/2000/3000).
     * Switchboard sends at most this many in any one-second window: it refills at 98% of the limit and keeps a
     * burst of the remaining 2%.
     */
    public record RateLimit(
            @DefaultValue("60") @Positive double trigger,
            @DefaultValue("20") @Positive double configuration,
            @DefaultValue("30") @Positive double global) {}
}
