package dev.switchboard.ingest;

import dev.switchboard.config.Databases;
import dev.switchboard.config.GroupCommit;
import dev.switchboard.dispatch.NewDelivery;
import dev.switchboard.dispatch.Outbox;
import dev.switchboard.message.Ids;
import dev.switchboard.message.Masking;
import dev.switchboard.message.MessageStatus;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake transaction: finds which messageIds are new, then writes every message (routed, no match, duplicate
 * or rejected; a new one marked as its messageId's first copy), the decisions and the deliveries of the new ones.
 * Besides that one read, only writes: everything else happened before.
 * Small requests arriving together share a transaction ({@link GroupCommit}), and so do batches (on writers of
 * their own); each is answered once it committed.
 */
@Component
class IntakeWriter implements SmartLifecycle {

    private static final int ATTEMPTS = 3;

    private final SeenMessages seen;
    private final StoredEvents events;
    private final StoredDecisions decisions;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final IngestProperties properties;
    private final MessageMasking masking;
    private final MeterRegistry meters;
    private final GroupCommit<Write, Stored> commits;
    private final GroupCommit<Write, Stored> batchCommits;
    private final DistributionSummary groupSizes;

    IntakeWriter(
            SeenMessages seen,
            StoredEvents events,
            StoredDecisions decisions,
            Outbox outbox,
            JsonMapper json,
            IngestProperties properties,
            MessageMasking masking,
            MeterRegistry meters,
            DataSource dataSource) {
        this.masking = masking;
        this.meters = meters;
        this.seen = seen;
        this.events = events;
        this.decisions = decisions;
        this.outbox = outbox;
        // Intake writes with JDBC only: a transaction manager of its own spares each intake transaction the
        // Hibernate session that the application's JPA transaction manager opens (and flushes) for nothing.
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.json = json;
        this.properties = properties;
        this.commits = new GroupCommit<>(
                "intake-writer",
                this::storeAll,
                this::storeAlone,
                write -> write.items().size(),
                properties.commitGroupMessages(),
                commitGather(properties, dataSource),
                true,
                1);
        this.batchCommits = new GroupCommit<>(
                "intake-batch-writer",
                this::storeAll,
                this::storeAlone,
                write -> write.items().size(),
                properties.commitGroupMessages(),
                Duration.ZERO,
                false,
                // GroupCommit wants at least one writer; with 0 configured it is never started (below).
                Math.max(1, properties.batchCommitWriters()));
        this.groupSizes = DistributionSummary.builder("switchboard.intake.commit.requests")
                .description("requests stored per intake transaction")
                .register(meters);
    }

    private static Duration commitGather(IngestProperties properties, DataSource dataSource) {
        if (properties.commitGather() != null) {
            return properties.commitGather();
        }
        // PostgreSQL: a commit waits for its WAL flush, and the next group forms meanwhile; waiting longer added
        // latency for no CPU (load run: the same CPU per request, p50 higher by 5-8 ms).
        return Databases.isPostgres(dataSource) ? Duration.ZERO : IngestProperties.DEFAULT_H2_COMMIT_GATHER;
    }

    /** One request's messages, validated and routed, waiting to be stored. */
    private record Write(String source, List<IntakeItem> items, List<RoutedMessage> routed, Instant receivedAt) {}

    /** What storing one request wrote. */
    private record Stored(
            String source, IntakeResult result, List<StoredEvents.Row> rows, List<StoredDecisions.Row> decisions) {}

    /**
     * Stores a request's messages; returns once they are committed. A small request shares its transaction with
     * others arriving at the same time, a batch with the batches that queued up meanwhile; one of
     * {@code commitGroupMessages} messages or more has its own.
     */
    IntakeResult store(String source, List<IntakeItem> items, List<RoutedMessage> routed, Instant receivedAt) {
        Write write = new Write(source, items, routed, receivedAt);
        if (items.size() <= properties.groupCommitRequestMessages()) {
            return commits.store(write).result();
        }
        if (items.size() < properties.commitGroupMessages() && properties.batchCommitWriters() > 0) {
            // Batches have writers of their own: a batch would hold up the small requests' writer.
            return batchCommits.store(write).result();
        }
        return storeAlone(write).result();
    }

    private Stored storeAlone(Write write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return storeAll(List.of(write)).get(0);
            } catch (DuplicateKeyException e) {
                // Another instance stored one of these messageIds between our check and our insert (the unique
                // index on its first copy refused ours): run again, and this time the id is found as a duplicate.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Stores the writes in one transaction, each table with one JDBC batch; counts them once committed. */
    private List<Stored> storeAll(List<Write> writes) {
        List<StoredEvents.Row> rows = new ArrayList<>();
        List<StoredDecisions.Row> decisionRows = new ArrayList<>();
        List<NewDelivery> deliveries = new ArrayList<>();
        List<Stored> stored = transactions.execute(status -> {
            List<SeenMessages.Copy[]> copies = classify(writes);
            List<Stored> results = new ArrayList<>(writes.size());
            for (int i = 0; i < writes.size(); i++) {
                Stored one = prepare(writes.get(i), copies.get(i), deliveries);
                rows.addAll(one.rows());
                decisionRows.addAll(one.decisions());
                results.add(one);
            }
            events.insert(rows);
            decisions.insert(decisionRows);
            outbox.enqueue(deliveries);
            return results;
        });
        groupSizes.record(writes.size());
        stored.forEach(this::count);
        return stored;
    }

    @Override
    public void start() {
        commits.start();
        if (properties.batchCommitWriters() > 0) {
            batchCommits.start();
        }
    }

    @Override
    public void stop() {
        commits.stop();
        batchCommits.stop();
    }

    @Override
    public boolean isRunning() {
        return commits.isRunning();
    }

    /** Starts before and stops after the web server, so every request it accepted is stored. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /**
     * Counted once committed, so a retried transaction is not counted twice. Tallied first: a counter lookup builds
     * its tags and hashes its id, and a request's messages share a handful of them.
     */
    private void count(Stored stored) {
        Map<TypeAndStatus, Integer> messages = new HashMap<>();
        for (StoredEvents.Row row : stored.rows()) {
            messages.merge(
                    new TypeAndStatus(row.type() == null ? "unknown" : row.type(), row.status()), 1, Integer::sum);
        }
        messages.forEach((key, count) -> meters.counter(
                        "switchboard.messages.received",
                        "source",
                        stored.source(),
                        "type",
                        key.type(),
                        "status",
                        key.status())
                .increment(count));
        Map<String, Integer> matches = new HashMap<>();
        for (StoredDecisions.Row decision : stored.decisions()) {
            if ("matched".equals(decision.outcome())) {
                matches.merge(decision.ruleKey(), 1, Integer::sum);
            }
        }
        matches.forEach((rule, count) ->
                meters.counter("switchboard.rules.matches", "rule", rule).increment(count));
    }

    /** The tags of {@code switchboard.messages.received} besides the source. */
    private record TypeAndStatus(String type, String status) {}

    /**
     * Per write, which of its messages are new, looked up with one query per source rather than one per request
     * (on PostgreSQL a round trip each). In the group's order, so of two requests with the same messageId the
     * first stores it, as when each was looked up in turn.
     */
    private List<SeenMessages.Copy[]> classify(List<Write> writes) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            bySource.computeIfAbsent(writes.get(i).source(), source -> new ArrayList<>())
                    .add(i);
        }
        SeenMessages.Copy[][] copies = new SeenMessages.Copy[writes.size()][];
        bySource.forEach((source, members) -> {
            List<String> ids = new ArrayList<>();
            for (int member : members) {
                writes.get(member).routed().forEach(r -> ids.add(r.message().messageId()));
            }
            SeenMessages.Copy[] all =
                    seen.classify(source, ids, writes.get(members.get(0)).receivedAt(), properties.dedupeWindow());
            int at = 0;
            for (int member : members) {
                int count = writes.get(member).routed().size();
                copies[member] = Arrays.copyOfRange(all, at, at + count);
                at += count;
            }
        });
        return Arrays.asList(copies);
    }

    /** Builds the write's rows from which of its messages were new; adds its deliveries to the group's. */
    private Stored prepare(Write write, SeenMessages.Copy[] copies, List<NewDelivery> deliveries) {
        String source = write.source();
        Instant receivedAt = write.receivedAt();
        List<RoutedMessage> routed = write.routed();
        List<StoredEvents.Row> rows = new ArrayList<>(write.items().size());
        List<StoredDecisions.Row> decisionRows = new ArrayList<>();
        List<IntakeResult.Refusal> refusals = new ArrayList<>();
        int duplicates = 0;
        int next = 0;
        for (IntakeItem item : write.items()) {
            if (item instanceof RejectedMessage rejected) {
                MessageProblem problem = rejected.problem();
                refusals.add(new IntakeResult.Refusal(
                        rejected.index(), rejected.messageId(), problem.field(), problem.code(), problem.detail()));
                rows.add(row(source, rejected, receivedAt));
                continue;
            }
            RoutedMessage message = routed.get(next);
            SeenMessages.Copy copy = copies[next++];
            if (copy.isNew()) {
                rows.add(row(
                        source,
                        message,
                        message.status(),
                        copy == SeenMessages.Copy.FIRST,
                        message.unmatchedDecisions(),
                        receivedAt));
                decisionRows.addAll(message.decisions());
                deliveries.addAll(message.deliveries());
            } else {
                duplicates++;
                // A duplicate's decisions are not stored: the first copy has them.
                rows.add(row(source, message, MessageStatus.DUPLICATE, false, null, receivedAt));
            }
        }
        return new Stored(
                source, new IntakeResult(routed.size() - duplicates, duplicates, refusals), rows, decisionRows);
    }

    private static StoredEvents.Row row(
            String source,
            RoutedMessage routed,
            MessageStatus status,
            boolean firstCopy,
            @Nullable String unmatchedDecisions,
            Instant receivedAt) {
        AcceptedMessage message = routed.message();
        return new StoredEvents.Row(
                routed.eventId(),
                source,
                message.messageId(),
                message.type(),
                message.event(),
                message.userId(),
                message.anonymousId(),
                status.value(),
                null,
                receivedAt,
                message.timestamp(),
                routed.payload(),
                unmatchedDecisions,
                firstCopy);
    }

    private StoredEvents.Row row(String source, RejectedMessage rejected, Instant receivedAt) {
        Object raw = rejected.raw();
        Map<?, ?> fields = raw instanceof Map<?, ?> map ? map : Map.of();
        MessageProblem problem = rejected.problem();
        MessageMasking.Masked masked = masking.mask(withoutWriteKey(raw));
        return new StoredEvents.Row(
                Ids.newId(),
                source,
                rejected.messageId(),
                fields.get("type") instanceof String type && type.length() <= 16 ? type : null,
                null,
                fields.get("userId") instanceof String userId && userId.length() <= 1024 ? userId : null,
                fields.get("anonymousId") instanceof String anonymousId && anonymousId.length() <= 1024
                        ? anonymousId
                        : null,
                MessageStatus.REJECTED.value(),
                Masking.scrub(
                        problem.field().isEmpty() ? problem.detail() : problem.field() + ": " + problem.detail(),
                        masked.values()),
                receivedAt,
                null,
                json.writeValueAsString(masked.tree()),
                null,
                false);
    }

    private static Object withoutWriteKey(Object raw) {
        if (raw instanceof Map<?, ?> map && map.containsKey("writeKey")) {
            var copy = new LinkedHashMap<Object, Object>(map);
            copy.remove("writeKey");
            return copy;
        }
        return raw;
    }
}
