package dev.switchboard.dispatch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stops burning retries against a Novu that is down: after {@code circuit-threshold} consecutive failures
 * dispatch pauses for {@code circuit-cool-down}, then lets one trial delivery through (half open); its success
 * closes the circuit, its failure opens it again. Gauge {@code switchboard.dispatch.circuit.open}.
 */
@Component
class CircuitBreaker {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    private final Clock clock;
    private final int threshold;
    private final java.time.Duration coolDown;

    private int consecutiveFailures;
    private State state = State.CLOSED;
    private Instant openedAt = Instant.EPOCH;
    private boolean trialInFlight;

    CircuitBreaker(DispatchProperties properties, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.threshold = properties.circuitThreshold();
        this.coolDown = properties.circuitCoolDown();
        Gauge.builder("switchboard.dispatch.circuit.open", this, breaker -> breaker.state() == State.CLOSED ? 0 : 1)
                .description("1 while dispatch is paused because Novu keeps failing")
                .register(meters);
    }

    /** How many deliveries may be started now: none while open, one trial when the cool-down is over. */
    synchronized int permits(int wanted) {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
            log.info("Dispatch circuit half open: trying one delivery");
        }
        if (state == State.CLOSED) {
            return wanted;
        }
        if (state == State.HALF_OPEN && !trialInFlight && wanted > 0) {
            trialInFlight = true;
            return 1;
        }
        return 0;
    }

    /** A trial claim that found nothing to send is no trial. */
    synchronized void unused(int permits) {
        if (state == State.HALF_OPEN && permits > 0) {
            trialInFlight = false;
        }
    }

    synchronized void success() {
        consecutiveFailures = 0;
        if (state != State.CLOSED) {
            log.info("Dispatch circuit closed: Novu answers again");
        }
        state = State.CLOSED;
    }

    synchronized void failure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || state == State.CLOSED && consecutiveFailures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
            trialInFlight = false;
            log.warn(
                    "Dispatch circuit open after {} consecutive Novu failures: pausing for {}",
                    consecutiveFailures,
                    coolDown);
        }
    }

    /**
     * Neither a success nor a Novu failure (a 4xx about the request), or no call at all (a dry run, a local
     * cancel, a row given back to the rate limit): the streak stays as it was, and a half-open circuit may try
     * another delivery. Called after every delivery so a trial that made no call cannot hold the circuit.
     */
    synchronized void neutral() {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(coolDown))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    synchronized Instant openedAt() {
        return openedAt;
    }
}
