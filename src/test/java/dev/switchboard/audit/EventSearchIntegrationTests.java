package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.QueryPlans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event search over real HTTP on a populated database: every filter alone and combined, the keyset cursor
 * while new messages arrive, and one message's whole chain. Each test writes its messages in a time window of
 * its own (far from other tests' data), so the shared database does not disturb the counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EventSearchIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventSearch search;

    @LocalServerPort
    int port;

    private IntakeClient client;
    private StoredChain chain;
    private String run;
    private Instant base;
    private String window;

    @BeforeEach
    void setUp() {
        client = new IntakeClient(port);
        chain = new StoredChain(jdbc);
        run = UUID.randomUUID().toString().substring(0, 8);
        base = Instant.parse("2031-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextLong(1, 3_000_000) * 60);
        window = "&from=" + base + "&to=" + base.plusSeconds(3600);
    }

    /** Seven messages of two people, three rules, every message status and most delivery outcomes. */
    private void populate() {
        String u = "u-" + run;
        UUID m1 = message("m1", "track", "Cart Abandoned", u, "a-" + run, "routed", 0, "{\"sku\":\"sku-" + run + "\"}");
        chain.decision(m1, "r1-" + run, "matched", at(0));
        chain.decision(m1, "r2-" + run, "not_matched", at(0));
        chain.delivery(m1, "r1-" + run, u, "delivered", 1, at(0), "novu-tx-1");
        UUID m2 = message("m2", "track", "Order Completed", u, null, "routed", 1, "{}");
        chain.decision(m2, "r2-" + run, "matched", at(1));
        chain.delivery(m2, "r2-" + run, u, "dead", 3, at(1), null);
        UUID m3 = message("m3", "identify", null, u, null, "no_match", 2, "{}");
        chain.decision(m3, "r1-" + run, "not_matched", at(2));
        message("m4", "track", null, null, "a-" + run, "rejected", 3, "{}");
        message("m1", "track", "Cart Abandoned", u, null, "duplicate", 4, "{}");
        UUID m6 = message("m6", "track", "Cart Abandoned", "v-" + run, null, "routed", 5, "{}");
        chain.decision(m6, "r1-" + run, "matched", at(5));
        chain.delivery(m6, "r1-" + run, "v-" + run, "pending", 2, at(5), null);
        UUID m7 = message("m7", "page", "Home", u, null, "routed", 6, "{}");
        chain.decision(m7, "r1-" + run, "matched", at(6));
        chain.decision(m7, "r3-" + run, "error", at(6));
        chain.delivery(m7, "r1-" + run, u, "dry_run", 1, at(6), null);
        chain.delivery(m7, "r3-" + run, u, "invalid", 0, at(6), null);
        chain.delivery(m7, "r1-" + run, u, "cancelled", 0, at(6), null);
    }

    @Test
    void everyFilterAloneAndCombined() {
        populate();
        String u = "u-" + run;
        assertThat(ids("")).containsExactly("m7", "m6", "m1", "m4", "m3", "m2", "m1");
        assertThat(ids("&userId=" + u)).containsExactly("m7", "m1", "m3", "m2", "m1");
        assertThat(ids("&anonymousId=a-" + run)).containsExactly("m4", "m1");
        assertThat(ids("&messageId=m1-" + run)).containsExactly("m1", "m1");
        assertThat(ids("&event=Cart%20Abandoned")).containsExactly("m6", "m1", "m1");
        assertThat(ids("&type=identify")).containsExactly("m3");
        assertThat(ids("&rule=r1-" + run)).containsExactly("m7", "m6", "m1");
        assertThat(ids("&rule=r3-" + run)).containsExactly("m7");
        assertThat(ids("&status=received")).containsExactly("m7", "m6", "m3", "m2", "m1");
        assertThat(ids("&status=routed")).containsExactly("m7", "m6", "m2", "m1");
        assertThat(ids("&status=no_match")).containsExactly("m3");
        assertThat(ids("&status=rejected")).containsExactly("m4");
        assertThat(ids("&status=duplicate")).containsExactly("m1");
        assertThat(ids("&status=delivered")).containsExactly("m1");
        assertThat(ids("&status=retrying")).containsExactly("m6");
        assertThat(ids("&status=dead")).containsExactly("m2");
        assertThat(ids("&status=invalid")).containsExactly("m7");
        assertThat(ids("&status=dry_run")).containsExactly("m7");
        assertThat(ids("&status=cancelled")).containsExactly("m7");
        assertThat(ids("&q=sku-" + run)).containsExactly("m1");
        // Combinations.
        assertThat(ids("&userId=" + u + "&event=Cart%20Abandoned&status=routed"))
                .containsExactly("m1");
        assertThat(ids("&rule=r1-" + run + "&status=retrying")).containsExactly("m6");
        assertThat(ids("&rule=r1-" + run + "&status=dry_run&userId=" + u)).containsExactly("m7");
        assertThat(ids("&rule=r2-" + run + "&status=delivered")).isEmpty();
        assertThat(ids("&rule=r2-" + run + "&status=dead&type=track")).containsExactly("m2");
        assertThat(ids("&userId=" + u + "&type=track&q=sku-" + run)).containsExactly("m1");
        // The time range is half-open: from included, to excluded.
        String narrow = "&from=" + at(1) + "&to=" + at(4);
        assertThat(ids("", narrow)).containsExactly("m4", "m3", "m2");

        var bad = client.get("/api/events?status=lost", "Authorization", adminHeader());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(client.get("/api/events?userId=" + u).statusCode()).isEqualTo(401);
    }

    @Test
    void cursorPagesStayStableWhileNewMessagesArrive() {
        String u = "p-" + run;
        for (int i = 0; i < 7; i++) {
            message("p" + i, "track", "Paged", u, null, "routed", i, "{}");
        }
        JsonNode first = page("&userId=" + u + "&limit=3");
        assertThat(messageIds(first)).containsExactly("p6", "p5", "p4");
        // New arrivals, one at the very instant of the page's last message: none of them may shift the pages.
        message("p7", "track", "Paged", u, null, "routed", 7, "{}");
        message("p8", "track", "Paged", u, null, "routed", 4, "{}");
        List<String> rest = new ArrayList<>();
        String next = first.get("next").asString();
        while (next != null) {
            JsonNode page = page("&userId=" + u + "&limit=3&cursor=" + next);
            rest.addAll(messageIds(page));
            next = page.get("next") == null || page.get("next").isNull()
                    ? null
                    : page.get("next").asString();
        }
        assertThat(rest).containsExactly("p3", "p2", "p1", "p0");
        assertThat(messageIds(page("&userId=" + u + "&limit=3"))).containsExactly("p7", "p6", "p5");
    }

    @Test
    void oneMessageShowsItsWholeChain() {
        UUID id = message("c1", "track", "Cart Abandoned", "c-" + run, null, "routed", 0, "{\"cart_total\":114.9}");
        chain.decision(id, "cart-" + run, "matched", at(0));
        chain.decision(id, "other-" + run, "not_matched", at(0));
        UUID delivery = chain.delivery(id, "cart-" + run, "c-" + run, "delivered", 2, at(0), "novu-tx-9");
        chain.attempt(delivery, 1, at(0), 503, "{\"message\":\"unavailable\"}");
        chain.attempt(delivery, 2, at(1), 201, "{\"data\":{\"status\":\"processed\"}}");

        var response = client.get("/api/events/" + id, "Authorization", adminHeader());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode detail = JSON.readTree(response.body());
        assertThat(detail.at("/summary/messageId").asString()).isEqualTo("c1-" + run);
        assertThat(detail.at("/message/cart_total").asDouble()).isEqualTo(114.9);
        assertThat(detail.at("/decisions/0/ruleKey").asString()).isEqualTo("cart-" + run);
        assertThat(detail.at("/decisions/0/ruleVersion").asInt()).isEqualTo(3);
        assertThat(detail.at("/decisions/0/explanation/when").asString()).contains("found");
        assertThat(detail.at("/decisions/1/outcome").asString()).isEqualTo("not_matched");
        JsonNode d = detail.at("/deliveries/0");
        assertThat(d.at("/status").asString()).isEqualTo("delivered");
        assertThat(d.at("/request/method").asString()).isEqualTo("POST");
        assertThat(d.at("/request/body").asString()).isEqualTo("{\"name\":\"w\"}");
        assertThat(d.at("/novuTransactionId").asString()).isEqualTo("novu-tx-9");
        assertThat(d.at("/activityFeedUrl").asString())
                .isEqualTo("https://dashboard.novu.co/activity-feed?transactionId=novu-tx-9");
        assertThat(d.at("/attempts")).hasSize(2);
        assertThat(d.at("/attempts/0/httpStatus").asInt()).isEqualTo(503);
        assertThat(d.at("/attempts/1/latencyMs").asInt()).isEqualTo(42);
        assertThat(d.at("/attempts/1/responseExcerpt").asString()).contains("processed");

        assertThat(client.get("/api/events/" + UUID.randomUUID(), "Authorization", adminHeader())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMessageStoredBeforeV50StillShowsEveryDecision() {
        // The old layout: every decision a rule_decision row, not_matched too, and no unmatched_decisions.
        UUID id = message("old", "track", "Cart Abandoned", "o-" + run, null, "routed", 0, "{\"cart_total\":20}");
        chain.decisionRow(id, "c-" + run, "not_matched", at(0));
        chain.decisionRow(id, "a-" + run, "not_matched", at(0));
        chain.decisionRow(id, "b-" + run, "matched", at(0));
        assertThat(jdbc.sql("select unmatched_decisions from event_message where id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsOnlyNulls();

        String trace = "event = 'x' (found 'x')";
        assertThat(shownDecisions(detail(id), "/explanation/when"))
                .containsExactly(
                        "a-" + run + " not_matched " + trace,
                        "b-" + run + " matched " + trace,
                        "c-" + run + " not_matched " + trace);
    }

    @Test
    void bothLayoutsTogetherAreShownByRuleKey() {
        UUID id = message("mix", "track", "Cart Abandoned", "x-" + run, null, "routed", 0, "{\"cart_total\":20}");
        chain.decisionRow(id, "d-" + run, "not_matched", at(0));
        chain.decision(id, "b-" + run, "matched", at(0));
        chain.decision(id, "c-" + run, "not_matched", at(0));
        chain.decision(id, "a-" + run, "not_matched", at(0));

        JsonNode detail = detail(id);
        assertThat(shownDecisions(detail, null))
                .containsExactly(
                        "a-" + run + " not_matched",
                        "b-" + run + " matched",
                        "c-" + run + " not_matched",
                        "d-" + run + " not_matched");
        assertThat(detail.at("/decisions/0/decidedAt").asString())
                .isEqualTo(detail.at("/summary/receivedAt").asString());
        assertThat(detail.at("/decisions/0/explanation/when").asString()).isEqualTo("event = 'x' (found 'x')");
    }

    @Test
    void aMessageFromIntakeIsFoundByItsPropertyValue() {
        String body = "{\"userId\":\"i-" + run + "\",\"event\":\"Cart Abandoned\",\"messageId\":\"in-" + run
                + "\",\"properties\":{\"coupon\":\"SPRING-" + run + "\"}}";
        assertThat(client.post("/v1/track", body, "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(200);
        JsonNode page = JSON.readTree(client.get("/api/events?q=SPRING-" + run, "Authorization", adminHeader())
                .body());
        assertThat(page.at("/events/0/messageId").asString()).isEqualTo("in-" + run);
        assertThat(page.at("/events")).hasSize(1);
    }

    @Test
    void eachSearchReadsOneIndexNewestFirstAndStopsAfterItsPage() {
        // H2 marks a plan "index sorted" when it reads rows in the ORDER BY's order and stops after the page;
        // otherwise it reads every match of the filter and sorts them (seconds at 5 million messages).
        assertThat(plans(search(null, null, null, null, null, null)))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_RECEIVED_AT", "index sorted");
        assertThat(plans(search("u", null, null, null, null, null)))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_USER_KEY", "index sorted");
        assertThat(plans(search(null, "a", null, null, null, null)))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_ANONYMOUS_KEY", "index sorted");
        assertThat(plans(search(null, null, null, "Order Completed", null, null)))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_EVENT", "index sorted");
        assertThat(plans(search(null, null, null, null, null, "rejected")))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_STATUS", "index sorted");
        // A messageId finds a handful of copies; their few rows are sorted.
        assertThat(plans(search(null, null, "m", null, null, null)))
                .singleElement(STRING)
                .contains("UX_EVENT_MESSAGE_MESSAGE_KEY");
        // A rule: its matched and its error decisions, each newest first, then merged.
        assertThat(plans(search(null, null, null, null, "r", null)))
                .hasSize(2)
                .allSatisfy(plan -> assertThat(plan).contains("IX_RULE_DECISION_RULE_OUTCOME", "index sorted"));
        assertThat(plans(search(null, null, null, null, null, "dead")))
                .singleElement(STRING)
                .contains("IX_DELIVERY_STATUS_CREATED_AT", "index sorted");
        assertThat(plans(search(null, null, null, null, "r", "delivered")))
                .singleElement(STRING)
                .contains("IX_DELIVERY_RULE_STATUS", "index sorted");
        // A rule's or a state's walk looks its chunks of messages up by primary key, whatever the filters.
        EventQuery filtered = new EventQuery(
                null, null, null, "web", "track", "Order Completed", "r", "routed", "x", null, null, null, null, null);
        assertThat(plan(search.lookup(filtered, List.of(UUID.randomUUID(), UUID.randomUUID()))))
                .contains("PRIMARY_KEY");
        // A person's messages are few: read theirs newest first, each checked for the rule or delivery state.
        assertThat(plans(search("u", null, null, null, "r", "dead")))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_USER_KEY", "index sorted", "IX_DELIVERY_EVENT_ID");
        assertThat(plans(search("u", null, null, null, "r", null)))
                .singleElement(STRING)
                .contains("IX_EVENT_MESSAGE_USER_KEY", "index sorted", "IX_RULE_DECISION_EVENT_ID");
    }

    @Test
    void aMessageWithSeveralDeliveriesInOneStateIsListedOncePageAfterPage() {
        String u = "d-" + run;
        for (int i = 0; i < 5; i++) {
            UUID m = message("d" + i, "track", "Fanned Out", u, null, "routed", i, "{}");
            chain.decision(m, "fan-" + run, "matched", at(i));
            // Three actions of one rule, all delivered, and one of them also in another state.
            for (int action = 0; action < 3; action++) {
                chain.delivery(m, "fan-" + run, u, "delivered", 1, at(i), "tx-" + run + "-" + i + "-" + action);
            }
            chain.delivery(m, "fan-" + run, u, "dead", 3, at(i), null);
        }
        assertThat(allPages("&status=delivered&limit=2")).containsExactly("d4", "d3", "d2", "d1", "d0");
        assertThat(allPages("&status=delivered&rule=fan-" + run + "&limit=2"))
                .containsExactly("d4", "d3", "d2", "d1", "d0");
        assertThat(allPages("&status=delivered&userId=" + u + "&limit=2"))
                .containsExactly("d4", "d3", "d2", "d1", "d0");
        assertThat(allPages("&status=dead&rule=fan-" + run + "&limit=3")).containsExactly("d4", "d3", "d2", "d1", "d0");
    }

    @Test
    void aRulesMatchedAndErrorMessagesInterleavePageAfterPage() {
        String u = "r-" + run;
        // Messages of one batch share their received_at: the id orders them, as the database does.
        for (int i = 0; i < 8; i++) {
            UUID m = message("r" + i, "track", "Interleaved", u, null, "routed", i / 2, "{}");
            chain.decision(m, "mixed-" + run, i % 3 == 0 ? "error" : "matched", at(i / 2));
        }
        List<String> everyOne = ids("&rule=mixed-" + run);
        assertThat(everyOne).hasSize(8).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(allPages("&rule=mixed-" + run + "&limit=3")).isEqualTo(everyOne);
        assertThat(allPages("&rule=mixed-" + run + "&limit=1")).isEqualTo(everyOne);
        // The same order as the messages' own search, which one index gives.
        assertThat(ids("&userId=" + u)).isEqualTo(everyOne);
    }

    /** Every page of a search, following the cursor, as message ids. */
    private List<String> allPages(String filters) {
        List<String> all = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = page(filters + window + (next == null ? "" : "&cursor=" + next));
            all.addAll(messageIds(page));
            next = page.get("next") == null || page.get("next").isNull()
                    ? null
                    : page.get("next").asString();
        } while (next != null);
        return all;
    }

    private static EventQuery search(
            @Nullable String userId,
            @Nullable String anonymousId,
            @Nullable String messageId,
            @Nullable String event,
            @Nullable String rule,
            @Nullable String status) {
        return new EventQuery(
                userId, anonymousId, messageId, "web", null, event, rule, status, null, null, null, null, null, null);
    }

    private List<String> plans(EventQuery query) {
        return search.statements(query).stream().map(this::plan).toList();
    }

    private String plan(EventSearch.Statement statement) {
        return QueryPlans.explain(jdbc, statement.sql(), statement.params());
    }

    private UUID message(
            String name,
            String type,
            String event,
            String userId,
            String anonymousId,
            String status,
            int minute,
            String payload) {
        return chain.message(name + "-" + run, type, event, userId, anonymousId, status, at(minute), payload);
    }

    private Instant at(int minute) {
        return base.plusSeconds(minute * 60L);
    }

    private List<String> ids(String filters) {
        return ids(filters, window);
    }

    private List<String> ids(String filters, String window) {
        return messageIds(page("&limit=100" + filters + window));
    }

    private JsonNode page(String filters) {
        var response = client.get("/api/events?source=web" + filters, "Authorization", adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<String> messageIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("events").forEach(e -> ids.add(e.get("messageId").asString().replace("-" + run, "")));
        return ids;
    }

    private JsonNode detail(UUID id) {
        return JSON.readTree(
                client.get("/api/events/" + id, "Authorization", adminHeader()).body());
    }

    /** Each decision of the event detail as "ruleKey outcome", and the field at {@code extra} if given. */
    private static List<String> shownDecisions(JsonNode detail, @Nullable String extra) {
        List<String> shown = new ArrayList<>();
        detail.at("/decisions")
                .forEach(d -> shown.add(
                        d.at("/ruleKey").asString() + " " + d.at("/outcome").asString()
                                + (extra == null ? "" : " " + d.at(extra).asString())));
        return shown;
    }
}
