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
import org.springframework.stereotype.Component;

/**
 * Conditions someone has to act on. A 402 from Novu means the plan ran out: every delivery fails until someone
 * pays, so it is logged at ERROR once (not once per delivery), shown as gauge
 * {@code switchboard.novu.payment.required} and turns health {@code novu} DOWN, until a call succeeds again.
 */
@Component("novu")
public class NovuAlerts implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(NovuAlerts.class);

    private final Clock clock;
    private final AtomicReference<@Nullable Instant> paymentRequiredSince = new AtomicReference<>();

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
        return since == null
                ? Health.up().build()
                : Health.down()
                        .withDetail("paymentRequiredSince", since.toString())
                        .build();
    }
}
