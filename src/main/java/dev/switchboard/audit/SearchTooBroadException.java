package dev.switchboard.audit;

import java.time.Duration;

/**
 * An event search whose statement ran longer than {@code switchboard.audit.search-timeout} and was stopped by the
 * database: the filters leave too much to read (typically a full-text {@code q} over a long time range).
 */
public class SearchTooBroadException extends RuntimeException {

    private final Duration timeout;

    public SearchTooBroadException(Duration timeout) {
        super("The search ran longer than " + timeout.toSeconds() + " s and was stopped: narrow it with a time"
                + " range (from/to), a user, an event or a rule; a text (q) is looked for in every message the other"
                + " filters leave.");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
