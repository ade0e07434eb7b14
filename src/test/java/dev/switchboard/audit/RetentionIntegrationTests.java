package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.support.IntakeClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention purge deletes old rows in small batches while intake keeps storing: every message sent during
 * the purge is stored and answered 200, every old row is gone, and an unfinished delivery keeps its message.
 * Not-matched decisions on the message row keep the decisions' retention.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.audit.retention.batch-size=50", "switchboard.audit.retention.enabled=false"})
@ActiveProfiles("test")
class RetentionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionPurge retention;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RuntimeSettings settings;

    @LocalServerPort
    int port;

    @Test
    void purgesOldRowsInBatchesWhileIntakeGoesOn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var chain = new StoredChain(jdbc);
        Instant old = Instant.now().minus(Duration.ofDays(40));
        for (int i = 0; i < 400; i++) {
            UUID event = chain.message("old-" + i + "-" + run, "track", "Old", "old-" + run, null, "routed", old, "{}");
            chain.decision(event, "r", "matched", old);
            UUID delivery = chain.delivery(event, "r", "old-" + run, "delivered", 1, old, null);
            chain.attempt(delivery, 1, old, 201, "{}");
        }
        UUID waiting = chain.message("held-" + run, "track", "Old", "held-" + run, null, "routed", old, "{}");
        UUID held = chain.delivery(waiting, "r", "held-" + run, "pending", 0, old, null);

        var client = new IntakeClient(port);
        AtomicBoolean purging = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Future<List<Integer>>> sent = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            sent.add(senders.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; purging.get() || i < 10; i++) {
                    String body = "{\"userId\":\"new-" + run + "\",\"event\":\"New\",\"messageId\":\"new-" + thread
                            + "-" + i + "-" + run + "\"}";
                    statuses.add(client.post("/v1/track", body, "Authorization", writeKeyHeader())
                            .statusCode());
                }
                return statuses;
            }));
        }
        Map<String, Integer> purged;
        try {
            purged = retention.purge();
        } finally {
            purging.set(false);
        }
        int accepted = 0;
        for (Future<List<Integer>> future : sent) {
            List<Integer> statuses = future.get();
            assertThat(statuses).containsOnly(200);
            accepted += statuses.size();
        }
        senders.shutdown();

        assertThat(purged.get("event_message")).isGreaterThanOrEqualTo(400);
        assertThat(purged.get("delivery")).isGreaterThanOrEqualTo(400);
        assertThat(count("select count(*) from event_message where user_id = ?", "old-" + run))
                .isZero();
        assertThat(count(
                        "select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id"
                                + " where d.user_id = ?",
                        "old-" + run))
                .isZero();
        assertThat(count("select count(*) from delivery where user_id = ?", "old-" + run))
                .isZero();
        assertThat(count("select count(*) from event_message where user_id = ?", "new-" + run))
                .isEqualTo(accepted);
        assertThat(count("select count(*) from event_message where id = ?", waiting))
                .isEqualTo(1);
        assertThat(count("select count(*) from delivery where id = ?", held)).isEqualTo(1);
    }

    @Test
    void clearsNotMatchedDecisionsWhenDecisionsAreKeptShorterThanMessages() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var chain = new StoredChain(jdbc);
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        UUID older = chain.message("ten-" + run, "track", "Old", "ten-" + run, null, "routed", tenDaysAgo, "{}");
        chain.decision(older, "r-" + run, "matched", tenDaysAgo);
        chain.decision(older, "s-" + run, "not_matched", tenDaysAgo);
        Instant threeDaysAgo = Instant.now().minus(Duration.ofDays(3));
        UUID newer =
                chain.message("three-" + run, "track", "Old", "three-" + run, null, "no_match", threeDaysAgo, "{}");
        chain.decision(newer, "s-" + run, "not_matched", threeDaysAgo);
        var shorterDecisions = new RetentionPurge(
                jdbc,
                transactions,
                new AuditProperties(
                        "",
                        new AuditProperties.Retention(
                                true,
                                Duration.ofDays(30),
                                Duration.ofDays(7),
                                Duration.ofDays(30),
                                Duration.ofDays(30),
                                Duration.ofDays(365),
                                Duration.ofMinutes(10),
                                50),
                        Duration.ofSeconds(15)),
                settings,
                Clock.systemUTC());

        Map<String, Integer> purged = shorterDecisions.purge();

        assertThat(purged.get("unmatched_decisions")).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from event_message where id = ? and unmatched_decisions is null", older))
                .as("the message stays, without its not-matched decisions")
                .isEqualTo(1);
        assertThat(count("select count(*) from rule_decision where event_id = ?", older))
                .isZero();
        assertThat(count("select count(*) from event_message where id = ? and unmatched_decisions is not null", newer))
                .isEqualTo(1);
        assertThat(shorterDecisions.purge().get("unmatched_decisions")).isZero();
    }

    private int count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }
}
