package dev.switchboard.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Audit log settings.
 *
 * @param novuDashboardUrl where Novu's dashboard is, for the activity-feed link of a delivered request (empty:
 *     no link)
 * @param retention how long each table keeps its rows
 * @param searchTimeout how long one statement of an event search may run before the database stops it and the
 *     search answers that it is too broad: a full-text {@code q} over millions of messages reads every payload
 *     in range (46 s at 5 million on H2) while it holds a pooled connection that intake needs too
 */
@Validated
@ConfigurationProperties("switchboard.audit")
public record AuditProperties(
        @DefaultValue("https://dashboard.novu.co") @NotNull String novuDashboardUrl,
        @DefaultValue @Valid @NotNull Retention retention,

        @DefaultValue("15s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10)
        Duration searchTimeout) {

    /**
     * Retention per table. Rows older than their table's age are purged by a scheduled job in short batches
     * (each its own transaction, so intake is never blocked); a delivery that is not finished is never purged,
     * nor a message that still has one.
     *
     * @param messages stored messages ({@code event_message})
     * @param decisions rule decisions ({@code rule_decision}, and the not-matched ones on {@code event_message})
     * @param deliveries finished deliveries ({@code delivery})
     * @param attempts delivery attempts ({@code delivery_attempt})
     * @param changes the configuration audit ({@code config_change})
     * @param interval how often the purge runs
     * @param batchSize rows deleted per transaction
     */
    public record Retention(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30d") @NotNull Duration messages,
            @DefaultValue("30d") @NotNull Duration decisions,
            @DefaultValue("30d") @NotNull Duration deliveries,
            @DefaultValue("30d") @NotNull Duration attempts,
            @DefaultValue("365d") @NotNull Duration changes,
            @DefaultValue("10m") @NotNull Duration interval,
            @DefaultValue("1000") @Positive @Max(100_000) int batchSize) {}
}
