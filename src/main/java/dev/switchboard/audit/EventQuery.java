package dev.switchboard.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the event list; every one is optional and they combine with "and".
 *
 * @param rule a rule key: messages that rule matched (or failed on); with a delivery {@code status}, messages
 *     with a delivery of that rule in that state
 * @param status a message status ({@code received} = routed or no_match, {@code no_match}, {@code routed},
 *     {@code rejected}, {@code duplicate}) or a delivery outcome ({@code delivered}, {@code retrying},
 *     {@code dead}, {@code invalid}, {@code dry_run}, {@code cancelled}, {@code failed}, {@code pending},
 *     {@code sending}): messages with at least one delivery in that state
 * @param q text the stored message JSON contains, e.g. a property value (case-sensitive)
 * @param cursor the {@code next} of the previous page (results are newest first)
 * @param before the id of the last event of the previous page (older form of the cursor)
 */
public record EventQuery(
        @Nullable String userId,
        @Nullable String anonymousId,
        @Nullable String messageId,
        @Nullable String source,
        @Nullable String type,
        @Nullable String event,
        @Nullable String rule,
        @Nullable String status,
        @Nullable String q,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String cursor,
        @Nullable UUID before,
        @Nullable Integer limit) {

    /** The earlier form, without rule, text and cursor filters (kept for existing callers). */
    public EventQuery(
            @Nullable String userId,
            @Nullable String anonymousId,
            @Nullable String messageId,
            @Nullable String source,
            @Nullable String type,
            @Nullable String event,
            @Nullable String status,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable UUID before,
            @Nullable Integer limit) {
        this(userId, anonymousId, messageId, source, type, event, null, status, null, from, to, null, before, limit);
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    int pageSize() {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
