package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.QueryPlans;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit SQL on a real PostgreSQL: search with every kind of filter and the cursor, detail, statistics, the
 * retention and user purges, and that the searches by user, messageId and rule + status can use an index.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "switchboard.audit.retention.enabled=false")
@ActiveProfiles("test")
class AuditPostgresTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "audit");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetentionPurge retention;

    @Autowired
    UserDataPurge users;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    EventSearch search;

    @LocalServerPort
    int port;

    @Test
    void searchStatisticsAndPurgesRunOnPostgresql() {
        var chain = new StoredChain(jdbc);
        var client = new IntakeClient(port);
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID event = chain.message(
                    "pg-" + i, "track", "Cart", "pg-user", null, "routed", base.plusSeconds(i), "{\"c\":\"50%_off\"}");
            chain.decision(event, "pg-rule", "matched", base.plusSeconds(i));
            UUID delivery = chain.delivery(
                    event, "pg-rule", "pg-user", i % 2 == 0 ? "dead" : "delivered", 1, base.plusSeconds(i), "tx-" + i);
            chain.attempt(delivery, 1, base.plusSeconds(i), 201, "{}");
            events.add(event);
        }
        assertThat(ids(client, "userId=pg-user&limit=2")).containsExactly("pg-4", "pg-3");
        assertThat(ids(client, "rule=pg-rule&status=dead")).containsExactly("pg-4", "pg-2", "pg-0");
        assertThat(ids(client, "q=50%25_off&type=track&event=Cart")).hasSize(5);
        assertThat(ids(client, "messageId=pg-1&status=received")).containsExactly("pg-1");
        JsonNode page = get(client, "/api/events?userId=pg-user&limit=2");
        JsonNode next = get(
                client,
                "/api/events?userId=pg-user&limit=2&cursor=" + page.get("next").asString());
        assertThat(next.at("/events/0/messageId").asString()).isEqualTo("pg-2");
        JsonNode detail = get(client, "/api/events/" + events.get(1));
        assertThat(detail.at("/deliveries/0/attempts/0/httpStatus").asInt()).isEqualTo(201);
        JsonNode stats = get(client, "/api/rules/pg-rule/stats?bucket=hour");
        assertThat(stats.at("/total/matched").asLong()).isEqualTo(5);
        assertThat(stats.at("/total/dead").asLong()).isEqualTo(3);
        assertThat(get(client, "/api/stats/rules").get("rules")).isNotEmpty();

        // The searches the 5-million-message plan relies on can be answered from an index.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            assertThat(plan("select id from event_message where user_key = 1 and user_id = 'x'"
                            + " order by received_at desc, id desc limit 50"))
                    .contains("ix_event_message_user_key");
            assertThat(plan("select id from event_message where message_key = 1 and message_id = 'x'"))
                    .contains("ux_event_message_message_key");
            assertThat(plan("select event_id from delivery where rule_key = 'r' and status = 'dead'"
                            + " and created_at >= now() - interval '1 day'"))
                    .contains("Index")
                    .doesNotContain("Seq Scan");
            // The statements of the event search read their index backwards, newest first.
            assertThat(searchPlans(null, null, null))
                    .singleElement()
                    .asString()
                    .contains("Index Scan Backward using ix_event_message_received_at");
            assertThat(searchPlans("x", null, null))
                    .singleElement()
                    .asString()
                    .contains("Index Scan Backward using ix_event_message_user_key");
            assertThat(searchPlans(null, "r", null))
                    .hasSize(2)
                    .allSatisfy(plan ->
                            assertThat(plan).contains("Index Scan Backward using ix_rule_decision_rule_outcome"));
            assertThat(searchPlans(null, null, "dead"))
                    .singleElement()
                    .asString()
                    .contains("Index Scan Backward using ix_delivery_status_created_at");
            // (On these few rows PostgreSQL may read the state's index and filter by the rule.)
            assertThat(searchPlans(null, "r", "delivered"))
                    .singleElement()
                    .asString()
                    .containsPattern("Index Scan Backward using ix_delivery_(rule_status|status_created_at)");
        });

        Instant old = Instant.now().minus(Duration.ofDays(60));
        UUID stale = chain.message("pg-old", "track", "Cart", "pg-old", null, "routed", old, "{}");
        chain.decision(stale, "pg-rule", "matched", old);
        chain.attempt(chain.delivery(stale, "pg-rule", "pg-old", "delivered", 1, old, null), 1, old, 201, "{}");
        assertThat(retention.purge().get("event_message")).isEqualTo(1);
        assertThat(users.purge("pg-user", "test").get("messages")).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from delivery_attempt")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private List<String> searchPlans(@Nullable String userId, @Nullable String rule, @Nullable String status) {
        EventQuery query =
                new EventQuery(userId, null, null, null, null, null, rule, status, null, null, null, null, null, null);
        return search.statements(query).stream()
                .map(statement -> QueryPlans.explain(jdbc, statement.sql(), statement.params()))
                .toList();
    }

    private String plan(String sql) {
        return QueryPlans.explain(jdbc, sql);
    }

    private static List<String> ids(IntakeClient client, String filters) {
        List<String> ids = new ArrayList<>();
        get(client, "/api/events?" + filters)
                .get("events")
                .forEach(e -> ids.add(e.get("messageId").asString()));
        return ids;
    }

    private static JsonNode get(IntakeClient client, String path) {
        var response = client.get(path, "Authorization", adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
