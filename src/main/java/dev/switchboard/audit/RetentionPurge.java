package dev.switchboard.audit;

import dev.switchboard.settings.RuntimeSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what is older than each table's retention, in batches of {@code batch-size} rows, each batch its own
 * short transaction: intake only inserts new rows, so it never waits for the purge. Unfinished deliveries are
 * never purged, nor a message that still has one.
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** Bounds one run; what is left is purged by the next. */
    private static final int MAX_BATCHES_PER_TABLE = 10_000;

    private static final String UNFINISHED = "('pending', 'sending')";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private final RuntimeSettings settings;
    private final Clock clock;

    /** Where the last run cleared not-matched decisions up to (see {@link #unmatched}). */
    private volatile @Nullable Instant unmatchedClearedTo;

    RetentionPurge(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            AuditProperties properties,
            RuntimeSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The retention in effect: the days set on {@code /settings} apply to the traffic tables (messages,
     * decisions, deliveries, attempts); the configuration audit keeps its own, longer retention.
     */
    AuditProperties.Retention retention() {
        AuditProperties.Retention environment = properties.retention();
        OptionalInt days = settings.retentionDays();
        if (days.isEmpty()) {
            return environment;
        }
        Duration age = Duration.ofDays(days.getAsInt());
        return new AuditProperties.Retention(
                environment.enabled(),
                age,
                age,
                age,
                age,
                environment.changes(),
                environment.interval(),
                environment.batchSize());
    }

    @Scheduled(fixedDelayString = "${switchboard.audit.retention.interval:10m}", initialDelayString = "PT2M")
    void scheduled() {
        if (properties.retention().enabled()) {
            Map<String, Integer> purged = purge();
            if (purged.values().stream().anyMatch(n -> n > 0)) {
                log.info("Retention purge deleted {}", purged);
            }
        }
    }

    /** One run over every table; answers the rows deleted per table. */
    Map<String, Integer> purge() {
        AuditProperties.Retention retention = retention();
        Instant now = clock.instant();
        int batch = retention.batchSize();
        Map<String, Integer> purged = new LinkedHashMap<>();
        purged.put(
                "delivery_attempt",
                repeat(() -> deleteBatch(
                        "delivery_attempt",
                        "select id from delivery_attempt where attempted_at < ?",
                        now.minus(retention.attempts()),
                        batch)));
        purged.put("delivery", repeat(() -> deliveries(now.minus(retention.deliveries()), batch)));
        purged.put(
                "rule_decision",
                repeat(() -> deleteBatch(
                        "rule_decision",
                        "select id from rule_decision where decided_at < ?",
                        now.minus(retention.decisions()),
                        batch)));
        purged.put("unmatched_decisions", unmatched(retention, now, batch));
        purged.put("event_message", repeat(() -> messages(now.minus(retention.messages()), batch)));
        purged.put(
                "config_change",
                repeat(() -> deleteBatch(
                        "config_change",
                        "select id from config_change where changed_at < ?",
                        now.minus(retention.changes()),
                        batch)));
        return purged;
    }

    private interface Batch {
        int run();
    }

    private static int repeat(Batch batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_TABLE; i++) {
            int deleted = batch.run();
            total += deleted;
            if (deleted == 0) {
                break;
            }
        }
        return total;
    }

    private int deleteBatch(String table, String select, Instant cutoff, int batch) {
        Integer deleted = transactions.execute(status -> {
            List<UUID> ids = jdbc.sql(select + " fetch first " + batch + " rows only")
                    .param(cutoff.atOffset(ZoneOffset.UTC))
                    .query(UUID.class)
                    .list();
            return ids.isEmpty()
                    ? 0
                    : jdbc.sql("delete from " + table + " where id in (:ids)")
                            .param("ids", ids)
                            .update();
        });
        return deleted == null ? 0 : deleted;
    }

    /**
     * The not-matched decisions on the message row (V50) go with their message. Only when decisions are kept
     * for less time than messages are they cleared on their own, so both kinds of decision keep the same
     * retention.
     */
    private int unmatched(AuditProperties.Retention retention, Instant now, int batch) {
        if (retention.decisions().compareTo(retention.messages()) >= 0) {
            return 0;
        }
        Instant cutoff = now.minus(retention.decisions());
        Instant messagesCutoff = now.minus(retention.messages());
        Instant clearedTo = unmatchedClearedTo;
        // Messages before the last run's cutoff are cleared already: start there, so a run does not read them
        // all again. Kept in memory only; after a restart the first run looks through the whole range once.
        Instant from = clearedTo != null && clearedTo.isAfter(messagesCutoff) ? clearedTo : messagesCutoff;
        boolean[] done = {false};
        int cleared = repeat(() -> clearUnmatched(from, cutoff, batch, done));
        if (done[0]) {
            unmatchedClearedTo = cutoff;
        }
        return cleared;
    }

    private int clearUnmatched(Instant from, Instant cutoff, int batch, boolean[] done) {
        Integer cleared = transactions.execute(status -> {
            List<UUID> ids = jdbc.sql("select id from event_message where received_at >= ? and received_at < ?"
                            + " and unmatched_decisions is not null fetch first " + batch + " rows only")
                    .params(from.atOffset(ZoneOffset.UTC), cutoff.atOffset(ZoneOffset.UTC))
                    .query(UUID.class)
                    .list();
            done[0] = ids.isEmpty();
            return ids.isEmpty()
                    ? 0
                    : jdbc.sql("update event_message set unmatched_decisions = null where id in (:ids)")
                            .param("ids", ids)
                            .update();
        });
        return cleared == null ? 0 : cleared;
    }

    private int deliveries(Instant cutoff, int batch) {
        Integer deleted = transactions.execute(status -> {
            List<UUID> ids = jdbc.sql("select id from delivery where created_at < ? and status not in " + UNFINISHED
                            + " fetch first " + batch + " rows only")
                    .param(cutoff.atOffset(ZoneOffset.UTC))
                    .query(UUID.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            jdbc.sql("delete from delivery_attempt where delivery_id in (:ids)")
                    .param("ids", ids)
                    .update();
            return jdbc.sql("delete from delivery where id in (:ids) and status not in " + UNFINISHED)
                    .param("ids", ids)
                    .update();
        });
        return deleted == null ? 0 : deleted;
    }

    private int messages(Instant cutoff, int batch) {
        Integer deleted = transactions.execute(status -> {
            List<UUID> ids = jdbc.sql("select e.id from event_message e where e.received_at < ? and not exists"
                            + " (select 1 from delivery d where d.event_id = e.id and d.status in " + UNFINISHED
                            + ") fetch first " + batch + " rows only")
                    .param(cutoff.atOffset(ZoneOffset.UTC))
                    .query(UUID.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            jdbc.sql("delete from rule_decision where event_id in (:ids)")
                    .param("ids", ids)
                    .update();
            return jdbc.sql("delete from event_message where id in (:ids)")
                    .param("ids", ids)
                    .update();
        });
        return deleted == null ? 0 : deleted;
    }
}
