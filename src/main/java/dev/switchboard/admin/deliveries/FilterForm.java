package dev.switchboard.admin.deliveries;

import dev.switchboard.dispatch.DeliveryGroup;
import dev.switchboard.dispatch.DeliveryQuery;
import dev.switchboard.dispatch.FailedDeliveries;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The deliveries page's filter as it travels in the URL (a GET form) and in the hidden fields of the retry
 * forms. {@code from} and {@code to} are UTC, as a {@code datetime-local} field sends them or as ISO instants;
 * what does not parse is left out and reported by {@link #problems()}.
 */
public record FilterForm(
        @Nullable String rule,
        @Nullable String status,
        @Nullable String reason,
        @Nullable String from,
        @Nullable String to) {

    public FilterForm {
        rule = blankToNull(rule);
        status = status != null && FailedDeliveries.STATUSES.contains(status) ? status : null;
        reason = reason == null || reason.isEmpty() ? null : reason;
        from = blankToNull(from);
        to = blankToNull(to);
    }

    public DeliveryQuery toQuery() {
        return new DeliveryQuery(status, rule, reason, instant(from), instant(to));
    }

    /** The fields whose value could not be read as a time. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (from != null && instant(from) == null) {
            problems.add("from");
        }
        if (to != null && instant(to) == null) {
            problems.add("to");
        }
        return problems;
    }

    public boolean isEmpty() {
        return rule == null && status == null && reason == null && from == null && to == null;
    }

    /** This filter's list, on page {@code page} (0 first). */
    public String link(int page) {
        return query("/deliveries", rule, status, reason, page);
    }

    /** The list of one group's deliveries, within this filter's time range. */
    public String link(DeliveryGroup group) {
        return query("/deliveries", group.rule(), group.status(), group.reason(), 0);
    }

    /** The page that asks before sending everything this filter matches again. */
    public String confirmLink() {
        return query("/deliveries/confirm", rule, status, reason, 0);
    }

    private String query(
            String path, @Nullable String rule, @Nullable String status, @Nullable String reason, int page) {
        StringBuilder url = new StringBuilder(path);
        add(url, "rule", rule);
        add(url, "status", status);
        add(url, "reason", reason);
        add(url, "from", from);
        add(url, "to", to);
        add(url, "page", page > 0 ? Integer.toString(page) : null);
        return url.toString();
    }

    private static void add(StringBuilder url, String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            url.append(url.indexOf("?") < 0 ? '?' : '&')
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.endsWith("Z")
                    ? Instant.parse(value)
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
