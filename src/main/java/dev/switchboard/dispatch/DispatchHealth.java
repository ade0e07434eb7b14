package dev.switchboard.dispatch;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/** Health {@code dispatch}: OUT_OF_SERVICE while the circuit is open, i.e. dispatch is paused. */
@Component("dispatch")
class DispatchHealth implements HealthIndicator {

    private final CircuitBreaker breaker;
    private final Dispatcher dispatcher;

    DispatchHealth(CircuitBreaker breaker, Dispatcher dispatcher) {
        this.breaker = breaker;
        this.dispatcher = dispatcher;
    }

    @Override
    public Health health() {
        CircuitBreaker.State state = breaker.state();
        Health.Builder health = state == CircuitBreaker.State.OPEN ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        health.withDetail("circuit", state.name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("consecutiveFailures", breaker.consecutiveFailures())
                .withDetail("running", dispatcher.isRunning());
        if (state != CircuitBreaker.State.CLOSED) {
            health.withDetail("openedAt", breaker.openedAt().toString());
        }
        return health.build();
    }
}
