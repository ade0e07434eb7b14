package dev.switchboard.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Intake settings.
 *
 * @param writeKeys write keys accepted at intake, each {@code key} or {@code name:key}; the name is the source
 *     recorded with every message (unnamed keys become {@code source-1}, {@code source-2}, ...)
 * @param webhookSecret shared secret of the Segment Webhooks destination; without it the webhook is closed
 * @param dedupeWindow how long a messageId counts as seen: a redelivery within it is acknowledged, not routed
 * @param maxMessageSize the largest single message (Segment: 32 KB)
 * @param maxBatchSize the largest batch request (Segment: 500 KB)
 * @param maxBatchMessages the most messages in one batch (Segment: 2,500)
 * @param maskPaths paths masked in every message before it is stored ({@code $.context.traits.email},
 *     {@code $.context.ip}, {@code $.properties.cards[*].number}, {@code $.traits['e-mail']}); the rules still
 *     see the real values
 * @param groupCommitRequestMessages requests of at most this many messages (a {@code /v1/track} call, a small
 *     batch) share one transaction with the requests arriving at the same time (group commit), so a commit is
 *     not paid per message; one writer thread stores them, waiting up to {@code commitGather} for company. 0:
 *     no request shares this writer (every request is a batch below)
 * @param commitGroupMessages the most messages one shared transaction stores: larger groups share a commit
 *     among more requests, smaller ones answer each sooner. A request of this many messages or more commits on
 *     its own
 * @param batchCommitWriters how many writer threads store the larger requests (batches), each taking the
 *     batches that queued up while it was busy into one transaction, without waiting for more. A commit shared by
 *     several batches writes each H2 index page it touched once and flushes PostgreSQL's WAL once, and with two
 *     writers one inserts while the other commits (load run, 8 clients sending batches of 100: H2 12,841 and
 *     14,129 events/s against 11,348 and 11,727 with each batch committing on its own, 11,476 and 12,878 with
 *     one writer, 11,593 and 12,362 with three; PostgreSQL 17,753 and 21,841 against 16,448 and 19,307). 0:
 *     each batch commits on its own
 * @param commitGather while requests keep arriving (the previous one came less than this before), how long a
 *     request waits at most for others to join its transaction; a request that comes alone is stored at once.
 *     On H2 a commit writes every index page it touched again, so a commit shared by more requests costs each
 *     of them less; on PostgreSQL a commit is a WAL flush, during which the next group forms anyway. 0 shares
 *     only what queued up while the previous commit ran; unset: {@link #DEFAULT_H2_COMMIT_GATHER} on H2, 0 on
 *     PostgreSQL
 */
@Validated
@ConfigurationProperties("switchboard.ingest")
public record IngestProperties(
        @DefaultValue
        List<
                        @Pattern(
                                regexp = "([A-Za-z0-9_.-]{1,100}:)?[^\\s:,]{8,200}",
                                message = "each write key must be 8 to 200 characters without spaces, optionally"
                                        + " preceded by 'name:'; an empty entry is not a key")
                        String>
                writeKeys,

        @Nullable String webhookSecret,
        @DefaultValue("24h") @NotNull Duration dedupeWindow,
        @DefaultValue("32KB") @NotNull DataSize maxMessageSize,
        @DefaultValue("500KB") @NotNull DataSize maxBatchSize,
        @DefaultValue("2500") @Positive @Max(100_000) int maxBatchMessages,

        @DefaultValue
        List<
                        @Pattern(
                                regexp = MessageMasking.PATH,
                                message = "each mask path is a simple path such as $.context.traits.email,"
                                        + " $.traits['e-mail'] or $.properties.items[*].card")
                        String>
                maskPaths,

        @DefaultValue("10") @PositiveOrZero @Max(2500) int groupCommitRequestMessages,
        @DefaultValue("500") @Positive @Max(100_000) int commitGroupMessages,
        @DefaultValue("2") @PositiveOrZero @Max(16) int batchCommitWriters,

        @Nullable @DurationMin(millis = 0) @DurationMax(seconds = 1)
        Duration commitGather) {

    /**
     * The commit gather on H2 when none is configured: a trade of CPU (each H2 commit writes every index page it
     * touched again) against waiting. On the 2-core machine of the load runs, {@code /v1/track} at 1,000
     * requests/s after a 30 s warm-up: 0 ms p50 1.1 / p99 14.9 ms at 943 ms of Switchboard's CPU per 1,000
     * requests; 1 ms 1.2 / 10.3, 1.0 / 8.6 ms at 673-676; 3 ms 3.4 / 13.5, 3.4 / 12.5 ms at 535-541; 6 ms 6.5 / 16.2,
     * 6.2 / 16.9 ms at 541-549. On a slower machine (an earlier session's) every commit weighed more and 6 ms beat 3
     * ms (p99 20-31 against 37-66 ms), so a busier or slower installation may want a longer gather.
     */
    public static final Duration DEFAULT_H2_COMMIT_GATHER = Duration.ofMillis(1);
}
