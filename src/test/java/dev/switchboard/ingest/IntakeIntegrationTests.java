package dev.switchboard.ingest;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.basic;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeIntegrationTests {

    private static final String JSON = "application/json";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();
    private IntakeClient client;
    private String userId;

    @BeforeEach
    void setUp() {
        client = new IntakeClient(port);
        userId = "user-" + UUID.randomUUID();
    }

    @Test
    void acceptsTrackWithBasicWriteKeyAndAnswersSuccessJson() {
        var response = client.post("/v1/track", track("Order Completed"), "Authorization", writeKeyHeader());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(JSON));
        assertThat(body(response).path("success").asBoolean()).isTrue();
        assertThat(statuses()).containsExactly("evaluated");
        assertThat(jdbc.sql("select source from event_message where user_id = ?")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("web");
    }

    @Test
    void takesWriteKeyFromBodyWhenNoHeaderIsSent() {
        String body = "{\"writeKey\":\"" + IntakeClient.WRITE_KEY + "\",\"userId\":\"" + userId
                + "\",\"event\":\"Signed Up\"}";

        var response = client.post("/v1/track", body, "Content-Type", JSON);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(storedPayloads())
                .singleElement()
                .satisfies(payload -> assertThat(payload)
                        .doesNotContain(IntakeClient.WRITE_KEY)
                        .contains("Signed Up"));
    }

    @Test
    void toleratesBasicHeaderEncodedWithoutColon() {
        String noColon =
                "Basic " + Base64.getEncoder().encodeToString(IntakeClient.WRITE_KEY.getBytes(StandardCharsets.UTF_8));

        assertThat(client.post("/v1/track", track("X"), "Authorization", noColon)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void namesUnnamedKeysByPosition() {
        client.post("/v1/track", track("X"), "Authorization", basic("wk_test_unnamed_0002", ""));

        assertThat(jdbc.sql("select source from event_message where user_id = ?")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("source-2");
    }

    @Test
    void refusesUnknownAndMissingWriteKeysWithProblemDetails() {
        var unknown = client.post("/v1/track", track("X"), "Authorization", basic("wk_nobody_knows", ""));
        var missing = client.post("/v1/track", track("X"), "Content-Type", JSON);

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(unknown).path("type").asString()).isEqualTo("urn:switchboard:problem:unknown-write-key");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(body(missing).path("title").asString()).isEqualTo("Missing write key");
        assertThat(statuses()).isEmpty();
    }

    @Test
    void parsesJsonWhateverTheContentTypeSays() {
        for (String type :
                List.of("text/plain", "application/json; charset=UTF-8", "application/x-www-form-urlencoded")) {
            var response = client.post(
                    "/v1/track", track("Typed " + type), "Authorization", writeKeyHeader(), "Content-Type", type);
            assertThat(response.statusCode()).as(type).isEqualTo(200);
        }
        assertThat(statuses()).hasSize(3);
    }

    @Test
    void gunzipsGzipBodies() {
        var response = client.postBytes(
                "/v1/batch",
                IntakeClient.gzip(batch(track("Zipped"))),
                "Authorization",
                writeKeyHeader(),
                "Content-Encoding",
                "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void refusesGzipHeaderOnPlainBody() {
        var response =
                client.post("/v1/track", track("X"), "Authorization", writeKeyHeader(), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).path("type").asString()).endsWith("malformed-body");
    }

    @Test
    void refusesMalformedJsonWithWhereItBroke() {
        var response = client.post("/v1/track", "{\"userId\": \"a\", event}", "Authorization", writeKeyHeader());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(response).path("detail").asString()).startsWith("Malformed JSON at line 1, column");
    }

    @Test
    void refusesEmptyBodyAndNonObjectBody() {
        assertThat(client.post("/v1/track", "", "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.post("/v1/track", "[1,2]", "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(400);
        assertThat(client.post("/v1/batch", "{\"batch\": {}}", "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void refusesSingleMessageOver32KilobytesWith413() {
        String big = "{\"userId\":\"" + userId + "\",\"event\":\"Big\",\"properties\":{\"blob\":\"" + "x".repeat(33_000)
                + "\"}}";

        var response = client.post("/v1/track", big, "Authorization", writeKeyHeader());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(body(response).path("type").asString()).endsWith("too-large");
        assertThat(statuses()).isEmpty();
    }

    @Test
    void refusesBatchOver500KilobytesEvenWhenCompressed() {
        String many = IntStream.range(0, 30)
                .mapToObj(i -> "{\"type\":\"track\",\"userId\":\"" + userId
                        + "\",\"event\":\"E\",\"properties\":{\"b\":\"" + "y".repeat(20_000) + "\"}}")
                .collect(Collectors.joining(",", "{\"batch\":[", "]}"));

        var response = client.postBytes(
                "/v1/batch", IntakeClient.gzip(many), "Authorization", writeKeyHeader(), "Content-Encoding", "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(statuses()).isEmpty();
    }

    @Test
    void rejectsOversizedMessageInsideBatchButKeepsTheOthers() {
        String oversized = "{\"type\":\"track\",\"userId\":\"" + userId
                + "\",\"event\":\"Huge\",\"properties\":{\"b\":\"" + "z".repeat(33_000) + "\"}}";

        var response = client.post("/v1/batch", batch(track("Small"), oversized), "Authorization", writeKeyHeader());

        JsonNode answer = body(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("code").asString()).isEqualTo("message_too_large");
        assertThat(statuses()).containsExactlyInAnyOrder("evaluated", "rejected");
    }

    @Test
    void refusesEmptyBatchAndBatchOverTheMessageLimit() {
        String tooMany = IntStream.range(0, 2_501)
                .mapToObj(i -> "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\"}")
                .collect(Collectors.joining(",", "{\"batch\":[", "]}"));

        var empty = client.post("/v1/batch", "{\"batch\":[]}", "Authorization", writeKeyHeader());
        var overLimit = client.post("/v1/batch", tooMany, "Authorization", writeKeyHeader());

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(body(empty).path("type").asString()).endsWith("empty-batch");
        assertThat(overLimit.statusCode()).isEqualTo(400);
        assertThat(body(overLimit).path("detail").asString()).contains("2500");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "track    | {\"userId\":\"u\"}                                      | event       | event_not_defined",
                "track    | {\"userId\":\"u\",\"event\":42}                          | event       | event_not_string",
                "track    | {\"event\":\"E\"}                                       | userId      | no_user_anon_id",
                "track    | {\"userId\":\"u\",\"event\":\"E\",\"properties\":[1]}   | properties  | properties_not_object",
                "identify | {\"userId\":\"u\",\"traits\":\"vip\"}                  | traits      | traits_not_object",
                "group    | {\"userId\":\"u\"}                                      | groupId     | id_required",
                "alias    | {\"userId\":\"u\"}                                      | previousId  | id_required",
                "alias    | {\"previousId\":\"p\"}                                  | userId      | id_required",
                "page     | {\"userId\":\"u\",\"name\":\"\"}                        | name        | name_not_string",
                "screen   | {\"userId\":\"u\",\"category\":7}                       | category    | category_not_string",
                "identify | {\"userId\":{\"id\":1}}                                 | userId      | id_not_string",
                "track    | {\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"yesterday\"} | timestamp | timestamp_invalid",
            })
    void refusesSingleMessageMissingWhatItsTypeNeeds(String type, String message, String field, String code) {
        var response = client.post("/v1/" + type, message, "Authorization", writeKeyHeader());

        JsonNode problem = body(response);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem.path("type").asString()).isEqualTo("urn:switchboard:problem:invalid-message");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("code").asString()).isEqualTo(code);
        String messageId = problem.path("messageId").asString();
        assertThat(jdbc.sql("select status from event_message where message_id = ?")
                        .param(messageId)
                        .query(String.class)
                        .single())
                .isEqualTo("rejected");
    }

    @Test
    void acceptsValidMessagesOfMixedBatchAndReportsInvalidOnesByIndex() {
        String noEvent = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"messageId\":\"bad-" + userId + "\"}";
        String unknownType = "{\"type\":\"purchase\",\"userId\":\"" + userId + "\"}";

        var response = client.post(
                "/v1/batch", batch(track("One"), noEvent, identify(), unknownType), "Authorization", writeKeyHeader());

        JsonNode answer = body(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.path("rejected").size()).isEqualTo(2);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("messageId").asString()).isEqualTo("bad-" + userId);
        assertThat(answer.path("rejected").get(1).path("index").asInt()).isEqualTo(3);
        assertThat(answer.path("rejected").get(1).path("field").asString()).isEqualTo("type");
        assertThat(statuses()).containsExactlyInAnyOrder("evaluated", "evaluated", "rejected", "rejected");
    }

    @Test
    void acknowledgesRedeliveredMessageIdWithoutRoutingItAgain() {
        String message = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Once\",\"messageId\":\"dup-"
                + userId + "\"}";

        var first = client.post("/v1/batch", batch(message), "Authorization", writeKeyHeader());
        var again = client.post("/v1/batch", batch(message), "Authorization", writeKeyHeader());
        var inSameBatch = client.post("/v1/batch", batch(message, message), "Authorization", writeKeyHeader());

        assertThat(body(first).path("accepted").asInt()).isEqualTo(1);
        assertThat(body(again).path("accepted").asInt()).isZero();
        assertThat(body(again).path("duplicates").asInt()).isEqualTo(1);
        assertThat(body(inSameBatch).path("duplicates").asInt()).isEqualTo(2);
        assertThat(statuses()).containsExactlyInAnyOrder("evaluated", "duplicate", "duplicate", "duplicate");
    }

    @Test
    void countsEachStoredMessageByStatusAndEachMatchByRule() {
        var rules = new ConsideredRules(client, jdbc);
        rules.publish();
        double evaluated = received("routed") + received("no_match");
        double duplicates = received("duplicate");
        double rejected = received("rejected");
        double matches = matches(rules.take);
        // Three messages the take rule matches (one of them twice), one too small for it, one without an event.
        String event = "Checkout " + rules.take.substring("take-".length());
        String first = checkout(event, "a", 75);

        var response = client.post(
                "/v1/batch",
                batch(
                        first,
                        checkout(event, "b", 20),
                        first,
                        checkout(event, "c", 5),
                        checkout(event, "d", 30).replace("\"event\":\"" + event + "\",", "")),
                "Authorization",
                writeKeyHeader());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        // Routed or not depends on the rules other tests published in this shared context (see statuses()).
        assertThat(received("routed") + received("no_match") - evaluated).isEqualTo(3);
        assertThat(received("duplicate") - duplicates).isEqualTo(1);
        assertThat(received("rejected") - rejected).isEqualTo(1);
        assertThat(matches(rules.take) - matches).isEqualTo(2);
    }

    @Test
    void concurrentRequestsRepeatingAMessageIdStoreItOnceAndAnswerEveryRequest() throws Exception {
        // Requests arriving together share intake transactions (group commit): the shared id must still be new
        // for exactly one of them, and every request's own message must be stored.
        String shared = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Raced\","
                + "\"messageId\":\"race-" + userId + "\"}";
        int requests = 12;
        List<String> batches = IntStream.range(0, requests)
                .mapToObj(i -> batch(
                        shared,
                        "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Own\",\"messageId\":\"own-" + i
                                + "-" + userId + "\"}"))
                .toList();

        assertThat(postAllAtOnce(batches)).isEqualTo(requests + 1);
        assertStoredOnceAmongDuplicates("race-" + userId, requests);
        assertThat(jdbc.sql("select count(*) from event_message where user_id = ? and event = 'Own'")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(requests);
    }

    @Test
    void concurrentBatchesRepeatingAMessageIdStoreItOnceAndEveryOtherMessage() throws Exception {
        // Batches above group-commit-request-messages go to the batch writers: two of them store groups at the same
        // time, so the shared id can be new to both transactions; the unique first-copy index settles it.
        String shared = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Raced\","
                + "\"messageId\":\"batch-race-" + userId + "\"}";
        int requests = 12;
        int own = 11;
        List<String> batches = IntStream.range(0, requests)
                .mapToObj(i -> {
                    List<String> messages = new ArrayList<>(List.of(shared));
                    for (int m = 0; m < own; m++) {
                        messages.add("{\"type\":\"track\",\"userId\":\"" + userId
                                + "\",\"event\":\"Batched\",\"messageId\":\"batched-" + i + "-" + m + "-" + userId
                                + "\"}");
                    }
                    return batch(messages.toArray(String[]::new));
                })
                .toList();

        assertThat(postAllAtOnce(batches)).isEqualTo(requests * own + 1);
        assertStoredOnceAmongDuplicates("batch-race-" + userId, requests);
        assertThat(jdbc.sql("select count(*) from event_message where user_id = ? and event = 'Batched'"
                                + " and status <> 'duplicate'")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(requests * own);
    }

    /** Posts every batch at the same time; returns how many messages the answers accepted in all. */
    private int postAllAtOnce(List<String> batches) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(batches.size());
        try {
            List<Future<HttpResponse<String>>> answers = batches.stream()
                    .map(body ->
                            senders.submit(() -> client.post("/v1/batch", body, "Authorization", writeKeyHeader())))
                    .toList();
            int accepted = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                accepted += body(response).path("accepted").asInt();
            }
            return accepted;
        } finally {
            senders.shutdownNow();
        }
    }

    private void assertStoredOnceAmongDuplicates(String messageId, int copies) {
        assertThat(jdbc.sql("select status from event_message where message_id = ?")
                        .param(messageId)
                        .query(String.class)
                        .list())
                .hasSize(copies)
                .filteredOn("duplicate"::equals)
                .hasSize(copies - 1);
    }

    @Test
    void concurrentRequestsOfTwoSourcesRepeatingAMessageIdStoreItOncePerSource() throws Exception {
        // Requests of several sources can share an intake transaction; each source's messageIds are its own.
        String shared = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Raced\","
                + "\"messageId\":\"race-sources-" + userId + "\"}";
        List<String> keys = List.of(writeKeyHeader(), basic("wk_test_unnamed_0002", ""));
        int requests = 12;
        ExecutorService senders = Executors.newFixedThreadPool(requests);
        try {
            List<Future<HttpResponse<String>>> answers = IntStream.range(0, requests)
                    .mapToObj(i -> senders.submit(
                            () -> client.post("/v1/track", shared, "Authorization", keys.get(i % keys.size()))))
                    .toList();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(jdbc.sql("select source from event_message where message_id = ? and status <> 'duplicate'")
                        .param("race-sources-" + userId)
                        .query(String.class)
                        .list())
                .hasSize(keys.size())
                .doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from event_message where message_id = ?")
                        .param("race-sources-" + userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(requests);
    }

    @Test
    void sameMessageIdFromAnotherSourceIsNotADuplicate() {
        String message = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"E\",\"messageId\":\"shared-"
                + userId + "\"}";

        client.post("/v1/batch", batch(message), "Authorization", writeKeyHeader());
        var other = client.post("/v1/batch", batch(message), "Authorization", basic("wk_test_unnamed_0002", ""));

        assertThat(body(other).path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsTheBodyAnalyticsNodeSends() {
        String sample = SegmentSamples.text("batch-analytics-node.json").replace("63da8ee0c037e013fd790ffd", userId);

        var response = client.post("/v1/batch", sample, "Authorization", writeKeyHeader(), "Content-Type", JSON);

        JsonNode answer = body(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.path("rejected").size()).isZero();
        assertThat(answer.path("accepted").asInt() + answer.path("duplicates").asInt())
                .isEqualTo(4);
    }

    @Test
    void importPathsAndShortBrowserPathsAreTheSameIntake() {
        for (String path : List.of("/v1/import", "/v1/import/", "/v1/b")) {
            assertThat(client.post(path, batch(track(path)), "Authorization", writeKeyHeader())
                            .statusCode())
                    .as(path)
                    .isEqualTo(200);
        }
        assertThat(client.post("/v1/t", track("Short"), "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.post("/v1/i", "{\"userId\":\"" + userId + "\"}", "Authorization", writeKeyHeader())
                        .statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql("select type from event_message where user_id = ? and event = 'Short'")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("track");
        assertThat(statuses()).hasSize(5);
    }

    @Test
    void everySingleMessagePathStoresTheTypeItNames() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String type : List.of("track", "identify", "page", "screen", "group", "alias")) {
            paths.put("/v1/" + type, type);
            paths.put("/v1/" + type.charAt(0), type);
        }
        paths.forEach((path, type) -> {
            // No "type" in the body: the path alone says what the message is.
            String body = "{\"userId\":\"" + userId + "\",\"event\":\"" + path + "\",\"name\":\"" + path
                    + "\",\"groupId\":\"g-1\",\"previousId\":\"p-1\"}";
            assertThat(client.post(path, body, "Authorization", writeKeyHeader())
                            .statusCode())
                    .as(path)
                    .isEqualTo(200);
        });

        assertThat(jdbc.sql("select type from event_message where user_id = ? order by received_at, id")
                        .param(userId)
                        .query(String.class)
                        .list())
                .containsExactlyElementsOf(paths.values());
    }

    @Test
    void mergesBatchContextAndSetsServerFields() throws Exception {
        String message = "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"Timed\","
                + "\"timestamp\":\"2026-11-28T10:00:00.000Z\",\"context\":{\"ip\":\"203.0.113.9\"}}";
        String body = "{\"batch\":[" + message + "],\"sentAt\":\"2026-11-28T10:00:10.000Z\","
                + "\"context\":{\"library\":{\"name\":\"analytics-java\"},\"ip\":\"ignored\"},\"writeKey\":\"x\"}";

        client.post("/v1/batch", body, "Authorization", writeKeyHeader());

        JsonNode stored = json.readTree(storedPayloads().get(0));
        assertThat(stored.path("context").path("library").path("name").asString())
                .isEqualTo("analytics-java");
        assertThat(stored.path("context").path("ip").asString()).isEqualTo("203.0.113.9");
        assertThat(stored.path("originalTimestamp").asString()).isEqualTo("2026-11-28T10:00:00.000Z");
        assertThat(stored.path("sentAt").asString()).isEqualTo("2026-11-28T10:00:10.000Z");
        assertThat(stored.path("messageId").asString()).startsWith("sb-");
        assertThat(stored.has("writeKey")).isFalse();
        var receivedAt = java.time.Instant.parse(stored.path("receivedAt").asString());
        var timestamp = java.time.Instant.parse(stored.path("timestamp").asString());
        // The client clock ran 10 s between the event and sending: the event happened 10 s before receipt.
        assertThat(java.time.Duration.between(timestamp, receivedAt)).isEqualTo(java.time.Duration.ofSeconds(10));
    }

    @Test
    void storedEventsAreVisibleThroughTheApiToLoggedInPeopleOnly() {
        client.post("/v1/track", track("Visible"), "Authorization", writeKeyHeader());

        var anonymous = client.get("/api/events?userId=" + userId);
        var admin = client.get("/api/events?userId=" + userId, "Authorization", adminHeader());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
        JsonNode events = body(admin).path("events");
        assertThat(events.size()).isEqualTo(1);
        assertThat(events.get(0).path("event").asString()).isEqualTo("Visible");
        var detail = client.get("/api/events/" + events.get(0).path("id").asString(), "Authorization", adminHeader());
        assertThat(body(detail).path("message").path("event").asString()).isEqualTo("Visible");
    }

    @Test
    void healthIsPublicAndOtherActuatorEndpointsAreNot() {
        assertThat(client.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(client.get("/actuator/info").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/env").statusCode()).isEqualTo(401);
        assertThat(client.get("/actuator/env", "Authorization", adminHeader()).statusCode())
                .isEqualTo(404);
    }

    private String checkout(String event, String messageId, int total) {
        return "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"" + event + "\",\"messageId\":\""
                + messageId + "-" + userId + "\",\"properties\":{\"total\":" + total + "}}";
    }

    private double received(String status) {
        Counter counter = meters.find("switchboard.messages.received")
                .tags("source", "web", "type", "track", "status", status)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double matches(String rule) {
        Counter counter =
                meters.find("switchboard.rules.matches").tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    private String track(String event) {
        return "{\"type\":\"track\",\"userId\":\"" + userId + "\",\"event\":\"" + event
                + "\",\"properties\":{\"n\":1}}";
    }

    private String identify() {
        return "{\"type\":\"identify\",\"userId\":\"" + userId + "\",\"traits\":{\"email\":\"a@example.com\"}}";
    }

    private static String batch(String... messages) {
        return String.join(",", messages).transform(joined -> "{\"batch\":[" + joined + "]}");
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private List<String> statuses() {
        // Routed or not depends on the rules other tests published in this shared context: both mean "evaluated".
        return jdbc.sql("select case when status in ('routed', 'no_match') then 'evaluated' else status end"
                        + " from event_message where user_id = ? or payload like ?")
                .params(userId, "%" + userId + "%")
                .query(String.class)
                .list();
    }

    private List<String> storedPayloads() {
        return jdbc.sql("select payload from event_message where user_id = ?")
                .param(userId)
                .query(String.class)
                .list();
    }
}
