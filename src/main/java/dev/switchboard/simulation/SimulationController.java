package dev.switchboard.simulation;

import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/rules/test}: {@code {"event": {...}}} against the live rules, or with {@code "rules": [...]}
 * against drafts. {@code POST /api/rules/backtest}: {@code {"rule": {...}, "window": "P7D"}} (or {@code from}
 * and {@code to}) over stored messages.
 */
@RestController
class SimulationController {

    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    private static final int DEFAULT_SAMPLES = 10;
    private static final int MAX_SAMPLES = 100;

    private final RuleTrial trial;
    private final Backtest backtest;
    private final JsonMapper json;
    private final Clock clock;

    SimulationController(RuleTrial trial, Backtest backtest, JsonMapper json, Clock clock) {
        this.trial = trial;
        this.backtest = backtest;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/api/rules/test")
    TrialResult test(@RequestBody JsonNode request) {
        onlyFields(request, Set.of("event", "rules"));
        JsonNode event = request.path("event");
        if (!event.isObject()) {
            throw new BadSimulationRequest("event", "must be the Segment message to test, as a JSON object");
        }
        List<JsonNode> rules = null;
        if (request.has("rules")) {
            if (!request.get("rules").isArray()) {
                throw new BadSimulationRequest("rules", "must be an array of rules in the rule format");
            }
            rules = new ArrayList<>();
            request.get("rules").forEach(rules::add);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> message = json.treeToValue(event, Map.class);
        return trial.run(message, rules);
    }

    @PostMapping("/api/rules/backtest")
    BacktestResult backtest(@RequestBody JsonNode request) {
        onlyFields(request, Set.of("rule", "window", "from", "to", "sampleSize"));
        if (!request.path("rule").isObject()) {
            throw new BadSimulationRequest("rule", "must be the draft rule to backtest, as a JSON object");
        }
        Instant to = request.has("to") ? instant(request, "to") : clock.instant();
        Instant from = request.has("from") ? instant(request, "from") : to.minus(window(request));
        if (!from.isBefore(to)) {
            throw new BadSimulationRequest("from", "must be before to");
        }
        int samples = request.path("sampleSize").asInt(DEFAULT_SAMPLES);
        return backtest.run(request.get("rule"), from, to, Math.max(0, Math.min(samples, MAX_SAMPLES)));
    }

    @ExceptionHandler
    ProblemDetail badRequest(BadSimulationRequest e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("location", e.field, "message", e.reason)));
        return problem;
    }

    private static void onlyFields(JsonNode request, Set<String> allowed) {
        if (!request.isObject()) {
            throw new BadSimulationRequest("", "the body must be a JSON object");
        }
        for (String field : request.propertyNames()) {
            if (!allowed.contains(field)) {
                throw new BadSimulationRequest(field, "is not a known field; expected one of " + allowed);
            }
        }
    }

    private static Duration window(JsonNode request) {
        if (!request.has("window")) {
            return DEFAULT_WINDOW;
        }
        try {
            Duration window = Duration.parse(request.get("window").asString());
            if (window.isNegative() || window.isZero()) {
                throw new BadSimulationRequest("window", "must be a positive duration such as P7D");
            }
            return window;
        } catch (DateTimeParseException e) {
            throw new BadSimulationRequest("window", "must be an ISO-8601 duration such as PT24H, P7D or P30D");
        }
    }

    private static Instant instant(JsonNode request, String field) {
        try {
            return Instant.parse(request.get(field).asString());
        } catch (DateTimeParseException e) {
            throw new BadSimulationRequest(field, "must be an ISO-8601 instant such as 2026-11-28T00:00:00Z");
        }
    }

    /** A request that names what to simulate wrongly. */
    static final class BadSimulationRequest extends RuntimeException {

        private final String field;
        private final String reason;

        BadSimulationRequest(String field, String reason) {
            super(field.isEmpty() ? reason : field + " " + reason);
            this.field = field;
            this.reason = reason;
        }
    }
}
