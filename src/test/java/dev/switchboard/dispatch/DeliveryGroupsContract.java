package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.Deliveries;
import dev.switchboard.support.Migrations;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The grouped count, list, count and re-queue of the deliveries page, on a database migrated by the real
 * migrations: run on H2 ({@link DeliveryGroupsTests}) and on PostgreSQL ({@link DeliveryGroupsPostgresTests}).
 */
abstract class DeliveryGroupsContract {

    private static final Instant BASE = Instant.parse("2026-05-01T10:00:00Z");

    private DeliveryStore store;
    private JdbcClient jdbc;
    private String rule;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        DataSource dataSource = dataSource();
        Migrations.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
        store = new DeliveryStore(
                jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), dataSource);
        rule = "groups-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private UUID insert(String status, Integer http, String error, int minutes) {
        return Deliveries.trigger("w", "u-" + minutes)
                .rule(rule)
                .createdAt(BASE.plusSeconds(60L * minutes))
                .failure(status, http, error)
                .insert(jdbc);
    }

    private DeliveryFilter failedOrDead() {
        return new DeliveryFilter(List.of("failed", "dead"), rule, null, null, null, null);
    }

    @Test
    void countsFailedAndDeadDeliveriesPerRuleStatusAndReasonLargestFirst() {
        insert("dead", 503, "gave up after 5 attempts: HTTP 503: unavailable", 1);
        insert("dead", 503, "gave up after 5 attempts: HTTP 503: unavailable", 5);
        insert("dead", 503, "gave up after 5 attempts: HTTP 503: unavailable", 3);
        insert("failed", 422, "workflow_not_found: welcome", 2);
        insert("invalid", null, "to.subscriberId is missing", 4);
        Deliveries.trigger("w", "u").rule(rule).status("delivered").insert(jdbc);

        List<DeliveryGroup> groups = store.groups(failedOrDead(), 50);

        assertThat(groups)
                .containsExactly(
                        new DeliveryGroup(
                                rule,
                                "dead",
                                "gave up after 5 attempts: HTTP 503: unavailable",
                                503,
                                3,
                                BASE.plusSeconds(60),
                                BASE.plusSeconds(300)),
                        new DeliveryGroup(
                                rule,
                                "failed",
                                "workflow_not_found: welcome",
                                422,
                                1,
                                BASE.plusSeconds(120),
                                BASE.plusSeconds(120)));
    }

    @Test
    void cutsLongReasonsSoThatTheyGroupAndFilterByTheirStart() {
        String start = "x".repeat(200);
        insert("failed", 400, start + " request 1", 1);
        insert("failed", 400, start + " request 2", 2);

        assertThat(store.groups(failedOrDead(), 50)).singleElement().satisfies(group -> {
            assertThat(group.reason()).isEqualTo(start);
            assertThat(group.count()).isEqualTo(2);
        });
        DeliveryFilter byReason = new DeliveryFilter(List.of(), rule, null, null, null, start);
        assertThat(store.count(byReason)).isEqualTo(2);
    }

    @Test
    void showsPendingDeliveriesThatWereTriedAsRetrying() {
        insert("pending", null, "timeout", 1);
        Deliveries.trigger("w", "u").rule(rule).status("pending").insert(jdbc);

        DeliveryFilter retrying = new DeliveryFilter(List.of("retrying"), rule, null, null, null, null);

        assertThat(store.groups(retrying, 50))
                .singleElement()
                .satisfies(group -> assertThat(group.status()).isEqualTo("retrying"));
        assertThat(store.count(retrying)).isEqualTo(1);
    }

    @Test
    void filtersByReasonAndTimeAndPagesNewestFirst() {
        UUID first = insert("dead", 500, "gave up after 5 attempts: HTTP 500: boom", 1);
        UUID second = insert("dead", 500, "gave up after 5 attempts: HTTP 500: boom", 2);
        UUID third = insert("dead", 500, "gave up after 5 attempts: HTTP 500: boom", 3);
        insert("dead", null, "gave up after 5 attempts: timeout", 4);
        DeliveryFilter boom = new DeliveryFilter(
                List.of("failed", "dead"), rule, null, null, null, "gave up after 5 attempts: HTTP 500: boom");

        assertThat(store.count(boom)).isEqualTo(3);
        assertThat(store.find(boom, 0, 2)).extracting(Delivery::id).containsExactly(third, second);
        assertThat(store.find(boom, 2, 2)).extracting(Delivery::id).containsExactly(first);
        DeliveryFilter window =
                new DeliveryFilter(List.of("dead"), rule, null, BASE.plusSeconds(120), BASE.plusSeconds(240), null);
        assertThat(store.find(window, 0, 10)).extracting(Delivery::id).containsExactly(third, second);
    }

    @Test
    void requeuesTheChosenDeliveriesThatCanBeSentAgain() {
        UUID dead = insert("dead", 503, "gave up", 1);
        UUID failed = insert("failed", 400, "bad", 2);
        UUID invalid = insert("invalid", null, "never sendable", 3);

        int queued = store.requeue(List.of(dead, failed, invalid), List.of("failed", "dead"), BASE.plusSeconds(600));

        assertThat(queued).isEqualTo(2);
        assertThat(Deliveries.status(jdbc, dead)).isEqualTo("pending");
        assertThat(Deliveries.status(jdbc, failed)).isEqualTo("pending");
        assertThat(Deliveries.status(jdbc, invalid)).isEqualTo("invalid");
    }
}
