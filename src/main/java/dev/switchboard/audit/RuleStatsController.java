package dev.switchboard.audit;

import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rules/{key}/stats?bucket=hour|day&from=&to=}: one rule per hour (default: the last 24 hours,
 * at most 31 days) or per day (default: the last 30 days, at most 366); {@code GET /api/stats/rules?from=&to=}:
 * every rule's totals (default: the last 24 hours).
 */
@RestController
class RuleStatsController {

    private final RuleStats stats;
    private final Clock clock;

    RuleStatsController(RuleStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GetMapping("/api/rules/{key}/stats")
    ResponseEntity<Object> rule(
            @PathVariable String key,
            @RequestParam(defaultValue = "hour") String bucket,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        ChronoUnit unit;
        Duration defaultRange;
        Duration maxRange;
        if (bucket.equals("hour")) {
            unit = ChronoUnit.HOURS;
            defaultRange = Duration.ofHours(24);
            maxRange = Duration.ofDays(31);
        } else if (bucket.equals("day")) {
            unit = ChronoUnit.DAYS;
            defaultRange = Duration.ofDays(30);
            maxRange = Duration.ofDays(366);
        } else {
            return invalid("bucket must be hour or day");
        }
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(defaultRange);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(maxRange) > 0) {
            return invalid("from must be before to, at most " + maxRange.toDays() + " days apart for bucket=" + bucket);
        }
        return ResponseEntity.ok(stats.series(key, unit, start, end));
    }

    @GetMapping("/api/stats/rules")
    ResponseEntity<Object> overview(
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(Duration.ofHours(24));
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
            return invalid("from must be before to, at most 366 days apart");
        }
        return ResponseEntity.ok(Map.of("from", start, "to", end, "rules", stats.overview(start, end)));
    }

    private static ResponseEntity<Object> invalid(String detail) {
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-filter", "Invalid filter", detail));
    }
}
