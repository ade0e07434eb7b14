package dev.switchboard.admin;

import dev.switchboard.audit.RuleStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charts of "is this rule working?": a rule's last 7 days per day or last 24 hours per hour, and every rule's
 * last 24 hours, from {@link RuleStats}. Each chart carries its figures twice: as JSON for the drawing script
 * ({@code static/js/charts.js}) and as table rows for screen readers and pages without scripts.
 */
@Component
public class StatsCharts {

    /** One chart: {@code json} feeds the script; {@code rows} and {@code total} are the same figures as text. */
    public record ChartView(String unit, String json, List<Row> rows, RuleStats.Figures total) {}

    /** One bucket as the table shows it: its start in UTC and its figures. */
    public record Row(String label, RuleStats.Figures figures) {}

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final List<String> SERIES = List.of("matched", "delivered", "failed", "dead", "median", "p99");

    private final RuleStats stats;
    private final JsonMapper json;
    private final MessageSource messages;
    private final Clock clock;

    StatsCharts(RuleStats stats, JsonMapper json, MessageSource messages, Clock clock) {
        this.stats = stats;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /** A rule's last 24 hours per hour ({@code hour}) or, for anything else, its last 7 days per day. */
    public ChartView rule(String key, String range) {
        ChronoUnit unit = "hour".equals(range) ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Instant now = clock.instant();
        return view(stats.series(key, unit, start(now, unit), now));
    }

    /** Every rule together, the last 24 hours per hour. */
    public ChartView allRules() {
        Instant now = clock.instant();
        return view(stats.allRules(ChronoUnit.HOURS, start(now, ChronoUnit.HOURS), now));
    }

    /** The start of the oldest of 24 hours or 7 days, the current one included. */
    private static Instant start(Instant now, ChronoUnit unit) {
        Duration back = unit == ChronoUnit.HOURS ? Duration.ofHours(23) : Duration.ofDays(6);
        return now.truncatedTo(unit).minus(back);
    }

    ChartView view(RuleStats.Series series) {
        DateTimeFormatter label = series.bucket().equals("hour") ? HOUR : DAY;
        List<Row> rows = new ArrayList<>();
        series.buckets().forEach(bucket -> rows.add(new Row(label.format(bucket.start()), bucket.figures())));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("unit", series.bucket());
        data.put(
                "t",
                series.buckets().stream().map(b -> b.start().getEpochSecond()).toList());
        data.put("matched", column(series, RuleStats.Figures::matched));
        data.put("delivered", column(series, RuleStats.Figures::delivered));
        data.put("failed", column(series, RuleStats.Figures::failed));
        data.put("dead", column(series, RuleStats.Figures::dead));
        data.put("median", column(series, RuleStats.Figures::medianLatencyMs));
        data.put("p99", column(series, RuleStats.Figures::p99LatencyMs));
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("when", messages.getMessage("chart.when", null, locale));
        SERIES.forEach(name -> names.put(name, messages.getMessage("chart." + name, null, locale)));
        data.put("names", names);
        data.put("ms", messages.getMessage("chart.ms", null, locale));
        return new ChartView(series.bucket(), json.writeValueAsString(data), rows, series.total());
    }

    private static List<Object> column(RuleStats.Series series, Function<RuleStats.Figures, Object> value) {
        List<Object> column = new ArrayList<>(series.buckets().size());
        series.buckets().forEach(bucket -> column.add(value.apply(bucket.figures())));
        return column;
    }
}
