package dev.switchboard.admin.audit;

import dev.switchboard.audit.EventQuery;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.Errors;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters of {@code /audit}, exactly as they travel in the URL (so a search can be shared): free text,
 * {@code from}/{@code to} as {@code datetime-local} values in UTC, the cursor of the page shown.
 */
public class AuditFilterForm {

    static final List<String> TYPES = List.of("track", "identify", "page", "screen", "group", "alias", "delete");

    /** Message states, then delivery outcomes, as {@code GET /api/events} takes them. */
    static final List<String> STATUSES = List.of(
            "received",
            "routed",
            "no_match",
            "rejected",
            "duplicate",
            "delivered",
            "pending",
            "retrying",
            "sending",
            "failed",
            "dead",
            "invalid",
            "dry_run",
            "cancelled");

    private String userId = "";
    private String anonymousId = "";
    private String messageId = "";
    private String event = "";
    private String type = "";
    private String rule = "";
    private String status = "";
    private String from = "";
    private String to = "";
    private String q = "";
    private String cursor = "";

    /** Checks the values a person can get wrong, each error on its own field. */
    void validate(Errors errors) {
        if (!type.isEmpty() && !TYPES.contains(type)) {
            errors.rejectValue("type", "unknown", "Choose one of " + String.join(", ", TYPES) + ".");
        }
        if (!status.isEmpty() && !STATUSES.contains(status)) {
            errors.rejectValue("status", "unknown", "Choose one of the listed states.");
        }
        Instant start = time("from", from, errors);
        Instant end = time("to", to, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.rejectValue("to", "order", "Must be later than From.");
        }
    }

    public boolean isEmpty() {
        return filters().isEmpty();
    }

    EventQuery toQuery(int limit) {
        return new EventQuery(
                blank(userId),
                blank(anonymousId),
                blank(messageId),
                null,
                blank(type),
                blank(event),
                blank(rule),
                blank(status),
                blank(q),
                parse(from),
                parse(to),
                blank(cursor),
                null,
                limit);
    }

    /** This search's URL, on the page after {@code next} when given. */
    String url(@Nullable String next) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/audit");
        filters().forEach(url::queryParam);
        if (next != null) {
            url.queryParam("cursor", next);
        }
        return url.encode().build().toUriString();
    }

    private Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "userId", userId);
        put(filters, "anonymousId", anonymousId);
        put(filters, "messageId", messageId);
        put(filters, "event", event);
        put(filters, "type", type);
        put(filters, "rule", rule);
        put(filters, "status", status);
        put(filters, "from", from);
        put(filters, "to", to);
        put(filters, "q", q);
        return filters;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (!value.isEmpty()) {
            filters.put(name, value);
        }
    }

    private static @Nullable Instant time(String field, String value, Errors errors) {
        try {
            return parse(value);
        } catch (DateTimeParseException e) {
            errors.rejectValue(field, "time", "Enter a date and time such as 2026-11-28T09:30 (UTC).");
            return null;
        }
    }

    private static @Nullable Instant parse(String value) {
        return value.isEmpty() ? null : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    }

    private static @Nullable String blank(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String clean(@Nullable String value) {
        return value == null ? "" : value.trim();
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(@Nullable String userId) {
        this.userId = clean(userId);
    }

    public String getAnonymousId() {
        return anonymousId;
    }

    public void setAnonymousId(@Nullable String anonymousId) {
        this.anonymousId = clean(anonymousId);
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(@Nullable String messageId) {
        this.messageId = clean(messageId);
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(@Nullable String event) {
        this.event = clean(event);
    }

    public String getType() {
        return type;
    }

    public void setType(@Nullable String type) {
        this.type = clean(type);
    }

    public String getRule() {
        return rule;
    }

    public void setRule(@Nullable String rule) {
        this.rule = clean(rule);
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(@Nullable String status) {
        this.status = clean(status);
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(@Nullable String from) {
        this.from = clean(from);
    }

    public String getTo() {
        return to;
    }

    public void setTo(@Nullable String to) {
        this.to = clean(to);
    }

    public String getQ() {
        return q;
    }

    public void setQ(@Nullable String q) {
        this.q = clean(q);
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(@Nullable String cursor) {
        this.cursor = clean(cursor);
    }
}
