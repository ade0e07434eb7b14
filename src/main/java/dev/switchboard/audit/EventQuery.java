package dev.switchboard.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the event list; every one is optional. {@code before} is the cursor: the id of the last event of
 * the previous page (results are newest first).
 */
public record EventQuery(
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

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    int pageSize() {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
