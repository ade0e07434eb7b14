package dev.switchboard.simulation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a draft rule would have done over stored traffic, and for an edit of a published rule, what would start
 * or stop firing compared with the published version.
 *
 * @param scanned how many stored messages were replayed
 * @param truncated true when the window held more messages than one backtest replays
 * @param published the published version's figures over the same messages, or null for a new rule
 */
public record BacktestResult(
        Instant from,
        Instant to,
        int scanned,
        boolean truncated,
        Tally draft,
        @Nullable Integer publishedVersion,
        @Nullable Tally published,
        @Nullable Tally wouldStart,
        @Nullable Tally wouldStop) {

    /** How many messages and distinct people (userId, else anonymousId), and a few examples. */
    public record Tally(int messages, int people, List<Example> examples) {}

    public record Example(
            UUID eventId,
            String messageId,
            String type,
            @Nullable String event,
            @Nullable String userId,
            Instant receivedAt) {}
}
