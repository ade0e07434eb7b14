package dev.switchboard.novu;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Conditions someone has to act on. A 402 from Novu means the plan ran out: every delivery fails until someone
 * pays, so it is logged at ERROR once (not once per delivery), shown as gauge
 * {@code switchboard.novu.payment.required} and turns health {@code novu} DOWN, until a call succeeds again.
 * Health {@code novu} is OUT_OF_SERVICE while Novu cannot be reached (no answer, or a server error) until a call gets
 * through; it judges from real traffic, so it never spends Novu's rate limit on probes.
 */
@Component("novu")
public class NovuAlerts implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(NovuAlerts.class);

    private final Clock clock;
    private final AtomicReference<@Nullable Instant> paymentRequiredSince = new AtomicReference<>();
    private final AtomicReference<@Nullable Instant> lastReached = new AtomicReference<>();
    private final AtomicReference<@Nullable Instant> unreachableSince = new AtomicReference<>();
    private final AtomicReference<@Nullable String> unreachableReason = new AtomicReference<>();

    public NovuAlerts(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        Gauge.builder("switchboard.novu.payment.required", this, alerts -> alerts.paymentRequired() ? 1 : 0)
                .description("1 while Novu answers 402 Payment Required")
                .register(meters);
    }

    public boolean paymentRequired() {
        return paymentRequiredSince.get() != null;
    }

    void observe(NovuResult result) {
        // Reachable: Novu answered something other than a server error. Unreachable: no answer (connection
        // refused, timeout) or a 5xx; it shows on health until the next call gets through.
        if (result.novuFailure()) {
            unreachableSince.compareAndSet(null, clock.instant());
            unreachableReason.set(result.reason());
        } else {
            lastReached.set(clock.instant());
            unreachableSince.set(null);
            unreachableReason.set(null);
        }
        if (result.paymentRequired()) {
            if (paymentRequiredSince.compareAndSet(null, clock.instant())) {
                log.error(
                        "Novu answered 402 Payment Required ({}): the plan's limit is reached and deliveries fail"
                                + " permanently until it is raised; replay them from /api/deliveries afterwards",
                        result.reason());
            }
        } else if (result.delivered() && paymentRequiredSince.getAndSet(null) != null) {
            log.info("Novu accepts deliveries again after 402 Payment Required");
        }
    }

    @Override
    public Health health() {
        Instant since = paymentRequiredSince.get();
        Instant unreachable = unreachableSince.get();
        Instant reached = lastReached.get();
        // Unreachable is OUT_OF_SERVICE, like an open circuit: Switchboard still takes messages and keeps them
        // in the outbox. DOWN is for the 402, which needs someone to act.
        Health.Builder health = since != null
                ? Health.down()
                : unreachable != null ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        if (since != null) {
            health.withDetail("paymentRequiredSince", since.toString());
        }
        if (unreachable != null) {
            health.withDetail("unreachableSince", unreachable.toString());
            String reason = unreachableReason.get();
            if (reason != null) {
                health.withDetail("reason", reason);
            }
        }
        if (reached != null) {
            health.withDetail("lastReachedAt", reached.toString());
        }
        return health.build();
    }
}
