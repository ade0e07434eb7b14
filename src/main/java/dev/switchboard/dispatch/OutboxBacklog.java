package dev.switchboard.dispatch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far behind dispatch is: deliveries due now and not yet done (pending and due, or being sent), and how long
 * the oldest of them has been due. Gauges {@code switchboard.outbox.backlog} and
 * {@code switchboard.outbox.oldest.due.age} (seconds), and health {@code outbox} (the bean name minus the
 * "HealthIndicator" suffix). Read through the
 * (status, due_at) index and cached for a few seconds, so scrapes and health checks cost one query at most.
 */
@Component("outboxHealthIndicator")
class OutboxBacklog implements HealthIndicator {

    private static final Duration CACHE = Duration.ofSeconds(5);

    record Snapshot(Instant at, long backlog, @Nullable Instant oldestDue) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile @Nullable Snapshot last;

    OutboxBacklog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("switchboard.outbox.backlog", this, b -> b.snapshot().backlog())
                .description("deliveries due and not yet done")
                .register(meters);
        Gauge.builder("switchboard.outbox.oldest.due.age", this, b -> b.oldestDueAgeSeconds())
                .description("seconds since the oldest undone delivery became due")
                .baseUnit("seconds")
                .register(meters);
    }

    Snapshot snapshot() {
        Instant now = clock.instant();
        Snapshot cached = last;
        if (cached != null && cached.at().plus(CACHE).isAfter(now)) {
            return cached;
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Snapshot fresh = jdbc.sql(
                        "select count(*), min(due_at) from delivery where (status = 'pending' and due_at <= ?)"
                                + " or status = 'sending'")
                .param(at)
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
                    return new Snapshot(now, rs.getLong(1), oldest == null ? null : oldest.toInstant());
                })
                .single();
        last = fresh;
        return fresh;
    }

    double oldestDueAgeSeconds() {
        Snapshot snapshot = snapshot();
        return snapshot.oldestDue() == null
                ? 0
                : Math.max(
                        0, Duration.between(snapshot.oldestDue(), snapshot.at()).toMillis() / 1000.0);
    }

    @Override
    public Health health() {
        Snapshot snapshot = snapshot();
        return Health.up()
                .withDetail("backlog", snapshot.backlog())
                .withDetail("oldestDueAgeSeconds", (long) oldestDueAgeSeconds())
                .build();
    }
}
