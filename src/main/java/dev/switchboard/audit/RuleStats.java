package dev.switchboard.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Per-rule statistics: messages matched, deliveries delivered / failed / dead / invalid, and the median and p99
 * delivery latency (from when a delivery was due to when Novu accepted it, retries included), per hour or day.
 * Reads through the (rule_key, ...) indexes of V30; the buckets are UTC hours or days.
 */
@Service
public class RuleStats {

    /** The figures of one bucket (or of a whole range). */
    public record Figures(
            long matched,
            long delivered,
            long failed,
            long dead,
            long invalid,
            @Nullable Long medianLatencyMs,
            @Nullable Long p99LatencyMs) {}

    public record Bucket(Instant start, Figures figures) {}

    public record Series(String rule, String bucket, Instant from, Instant to, Figures total, List<Bucket> buckets) {}

    public record RuleTotal(String rule, Figures figures) {}

    private final JdbcClient jdbc;

    RuleStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@link Series#rule()} says for the figures of every rule together. */
    public static final String ALL_RULES = "*";

    public Series series(String rule, ChronoUnit unit, Instant from, Instant to) {
        return series(rule, unit, from, to, " and rule_key = :rule");
    }

    /** The figures of every rule together, per hour or day: the same buckets as {@link #series}. */
    public Series allRules(ChronoUnit unit, Instant from, Instant to) {
        return series(ALL_RULES, unit, from, to, "");
    }

    private Series series(String rule, ChronoUnit unit, Instant from, Instant to, String ofRule) {
        Map<Instant, Tally> buckets = new TreeMap<>();
        for (Instant at = from.truncatedTo(unit); at.isBefore(to); at = at.plus(1, unit)) {
            buckets.put(at, new Tally());
        }
        Tally total = new Tally();
        jdbc.sql("select decided_at from rule_decision where outcome = 'matched'" + ofRule
                        + " and decided_at >= :from and decided_at < :to")
                .param("from", utc(from))
                .param("to", utc(to))
                .params(ofRule.isEmpty() ? Map.of() : Map.of("rule", rule))
                .query(rs -> {
                    Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
                    buckets.computeIfAbsent(at.truncatedTo(unit), k -> new Tally()).matched++;
                    total.matched++;
                });
        jdbc.sql("select status, finished_at, coalesce(retry_budget_from, due_at) started, created_at from delivery"
                        + " where created_at >= :from and created_at < :to" + ofRule
                        + " and status in ('delivered', 'failed', 'dead', 'invalid')")
                .param("from", utc(from))
                .param("to", utc(to))
                .params(ofRule.isEmpty() ? Map.of() : Map.of("rule", rule))
                .query(rs -> {
                    Instant created =
                            rs.getObject("created_at", OffsetDateTime.class).toInstant();
                    Tally tally = buckets.computeIfAbsent(created.truncatedTo(unit), k -> new Tally());
                    tally.add(rs.getString("status"), latency(rs));
                    total.add(rs.getString("status"), latency(rs));
                });
        List<Bucket> series = new ArrayList<>(buckets.size());
        buckets.forEach((start, tally) -> series.add(new Bucket(start, tally.figures())));
        return new Series(rule, unit == ChronoUnit.HOURS ? "hour" : "day", from, to, total.figures(), series);
    }

    /** Every rule with a decision or a delivery in the range, with its totals. */
    public List<RuleTotal> overview(Instant from, Instant to) {
        Map<String, Tally> rules = new TreeMap<>();
        jdbc.sql("select rule_key, count(*) from rule_decision where outcome = 'matched' and decided_at >= ?"
                        + " and decided_at < ? group by rule_key")
                .params(utc(from), utc(to))
                .query(rs -> {
                    rules.computeIfAbsent(rs.getString(1), k -> new Tally()).matched += rs.getLong(2);
                });
        jdbc.sql("select rule_key, status, count(*) from delivery where created_at >= ? and created_at < ?"
                        + " and status in ('failed', 'dead', 'invalid') group by rule_key, status")
                .params(utc(from), utc(to))
                .query(rs -> {
                    Tally tally = rules.computeIfAbsent(rs.getString(1), k -> new Tally());
                    for (long i = rs.getLong(3); i > 0; i--) {
                        tally.add(rs.getString(2), null);
                    }
                });
        jdbc.sql("select rule_key, status, finished_at, coalesce(retry_budget_from, due_at) started from delivery"
                        + " where status = 'delivered' and created_at >= ? and created_at < ?")
                .params(utc(from), utc(to))
                .query(rs -> {
                    rules.computeIfAbsent(rs.getString(1), k -> new Tally()).add("delivered", latency(rs));
                });
        List<RuleTotal> totals = new ArrayList<>(rules.size());
        rules.forEach((rule, tally) -> totals.add(new RuleTotal(rule, tally.figures())));
        return totals;
    }

    private static @Nullable Long latency(java.sql.ResultSet rs) throws java.sql.SQLException {
        if (!"delivered".equals(rs.getString("status"))) {
            return null;
        }
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        OffsetDateTime started = rs.getObject("started", OffsetDateTime.class);
        if (finished == null || started == null) {
            return null;
        }
        return Math.max(0, Duration.between(started, finished).toMillis());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static final class Tally {
        long matched;
        long delivered;
        long failed;
        long dead;
        long invalid;
        final List<Long> latencies = new ArrayList<>();

        void add(String status, @Nullable Long latency) {
            switch (status) {
                case "delivered" -> {
                    delivered++;
                    if (latency != null) {
                        latencies.add(latency);
                    }
                }
                case "failed" -> failed++;
                case "dead" -> dead++;
                case "invalid" -> invalid++;
                default -> {}
            }
        }

        Figures figures() {
            Collections.sort(latencies);
            return new Figures(
                    matched, delivered, failed, dead, invalid, percentile(latencies, 50), percentile(latencies, 99));
        }

        /** Nearest rank: the smallest value at or above which {@code p} percent of the values lie. */
        private static @Nullable Long percentile(List<Long> sorted, int p) {
            if (sorted.isEmpty()) {
                return null;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}
