package dev.switchboard.rules.api;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static dev.switchboard.support.IntakeClient.basic;
import static dev.switchboard.support.IntakeClient.writeKeyHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The rules API over real HTTP on H2, and what intake does with the rules it publishes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RulesApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    private IntakeClient client;
    private String key;

    @BeforeEach
    void setUp() {
        client = new IntakeClient(port);
        key = "cart-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void draftIsNotLiveUntilPublishedAndIntakeRoutesPublishedRules() {
        var created = call("POST", "/api/rules", cartRule(key, 20));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/rules/" + key);
        assertThat(json(created).path("status").asString()).isEqualTo("DRAFT");
        String userId = "u-" + UUID.randomUUID();

        sendCart(userId, 50);
        assertThat(decisionsOf(userId)).isEmpty();

        var published = call("POST", "/api/rules/" + key + "/publish", null);
        assertThat(json(published).path("publishedVersion").asInt()).isEqualTo(1);
        sendCart(userId, 50);
        sendCart(userId, 5);

        assertThat(jdbc.sql("select status from event_message where user_id = ? order by received_at")
                        .param(userId)
                        .query(String.class)
                        .list())
                .containsExactly("no_match", "routed", "no_match");
        assertThat(decisionsOf(userId)).containsExactly("matched", "not_matched");
        var delivery = jdbc.sql("select d.status, d.method, d.path, d.body, d.transaction_id, d.rule_version"
                        + " from delivery d join event_message e on e.id = d.event_id where e.user_id = ?")
                .param(userId)
                .query((rs, row) -> List.of(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .single();
        assertThat(delivery.subList(0, 3)).containsExactly("pending", "POST", "/v1/events/trigger");
        assertThat(JSON.readTree(delivery.get(3))
                        .path("to")
                        .path("subscriberId")
                        .asString())
                .isEqualTo(userId);
        assertThat(delivery.get(4)).startsWith("sb-");
        assertThat(delivery.get(5)).isEqualTo("1");
        // Since V50 the rule that did not match is an element of the message's unmatched_decisions, not a row.
        assertThat(jdbc.sql("select count(*) from rule_decision d join event_message e on e.id = d.event_id"
                                + " where e.user_id = ? and d.outcome = 'not_matched'")
                        .param(userId)
                        .query(Long.class)
                        .single())
                .isZero();
        // It keeps which version did not match; the event detail explains why, from the stored message.
        UUID noMatch = jdbc.sql("select id from event_message where user_id = ?"
                        + " and status = 'no_match' and unmatched_decisions is not null")
                .param(userId)
                .query(UUID.class)
                .single();
        JsonNode explanation = JSON.missingNode();
        for (JsonNode decision :
                json(call("GET", "/api/events/" + noMatch, null)).path("decisions")) {
            if (decision.path("ruleKey").asString().equals(key)) {
                explanation = decision.path("explanation");
            }
        }
        assertThat(explanation
                        .path("all")
                        .path("children")
                        .get(0)
                        .path("found")
                        .get(0)
                        .path("value")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void editsStayDraftsUntilPublishedAndEveryPublishIsAVersion() {
        call("POST", "/api/rules?publish=true", cartRule(key, 20));

        var edited = call("PUT", "/api/rules/" + key, cartRule(key, 100));
        assertThat(json(edited).path("publishedVersion").asInt()).isEqualTo(1);
        assertThat(json(edited)
                        .path("draft")
                        .path("when")
                        .path("all")
                        .get(0)
                        .path("value")
                        .asInt())
                .isEqualTo(100);
        assertThat(json(edited)
                        .path("published")
                        .path("when")
                        .path("all")
                        .get(0)
                        .path("value")
                        .asInt())
                .isEqualTo(20);

        call("POST", "/api/rules/" + key + "/publish", null);
        var disabled = call("POST", "/api/rules/" + key + "/disable", null);
        assertThat(json(disabled).path("status").asString()).isEqualTo("DISABLED");
        var rolledBack = call("POST", "/api/rules/" + key + "/versions/1/rollback", null);

        assertThat(json(rolledBack).path("publishedVersion").asInt()).isEqualTo(4);
        assertThat(json(rolledBack).path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(json(rolledBack)
                        .path("published")
                        .path("when")
                        .path("all")
                        .get(0)
                        .path("value")
                        .asInt())
                .isEqualTo(20);
        JsonNode versions = json(call("GET", "/api/rules/" + key + "/versions", null));
        assertThat(versions.findValuesAsString("change"))
                .containsExactly("rolled back to version 1", "disabled", "published", "published");
        assertThat(versions.get(0).path("createdBy").asString()).isEqualTo("admin");
    }

    @Test
    void savingTheSameDefinitionAsLiveLeavesNoDraft() {
        call("POST", "/api/rules?publish=true", cartRule(key, 20));

        var same = call("PUT", "/api/rules/" + key + "?publish=true", cartRule(key, 20));

        assertThat(json(same).path("draft").isNull()).isTrue();
        assertThat(json(same).path("publishedVersion").asInt()).isEqualTo(1);
    }

    @Test
    void refusesInvalidRuleWithEveryProblemAndItsLocation() {
        String broken = """
                {"key": "%s", "name": "Broken", "colour": "red",
                 "when": {"all": [{"path": "properties.total", "op": "gte", "value": 20},
                                  {"path": "$.properties.code", "op": "matches", "value": "(unclosed"},
                                  {"path": "$.x", "op": "is about", "value": 1}]},
                 "actions": [{"type": "trigger"}]}
                """.formatted(key);

        var response = call("POST", "/api/rules", broken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        List<String> locations = json(response).path("errors").findValuesAsString("location");
        assertThat(locations)
                .contains("colour", "when.all[0].path", "when.all[1].value", "when.all[2].op", "actions[0].workflowId");
        assertThat(call("GET", "/api/rules/" + key, null).statusCode()).isEqualTo(404);
    }

    @Test
    void conflictsNotFoundAndKeyMismatchAreProblems() {
        call("POST", "/api/rules", cartRule(key, 20));

        assertThat(call("POST", "/api/rules", cartRule(key, 20)).statusCode()).isEqualTo(409);
        assertThat(call("GET", "/api/rules/no-such-rule", null).statusCode()).isEqualTo(404);
        var mismatch = call("PUT", "/api/rules/" + key, cartRule("other-key", 20));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).path("errors").get(0).path("location").asString())
                .isEqualTo("key");
        assertThat(call("POST", "/api/rules", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void deletedRuleLeavesLiveTrafficButKeepsItsHistory() {
        call("POST", "/api/rules?publish=true", cartRule(key, 20));

        assertThat(call("DELETE", "/api/rules/" + key, null).statusCode()).isEqualTo(204);

        assertThat(call("GET", "/api/rules/" + key, null).statusCode()).isEqualTo(404);
        String userId = "u-" + UUID.randomUUID();
        sendCart(userId, 50);
        assertThat(decisionsOf(userId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from rule_version where rule_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void importIsAllOrNothingAndReportsProblemsPerRule() {
        String second = key + "-b";
        String file = "{\"rules\": [" + cartRule(key, 20) + "," + cartRule(second, 30) + "," + "{\"key\": \"" + key
                + "-c\", \"name\": \"No actions\", \"when\": {}, \"actions\": []}]}";

        var refused = call("POST", "/api/rules/import", file);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("errors").findValuesAsString("location")).containsExactly("rules[2].actions");
        assertThat(call("GET", "/api/rules/" + key, null).statusCode()).isEqualTo(404);

        String valid = "{\"rules\": [" + cartRule(key, 20) + "," + cartRule(second, 30) + "]}";
        var imported = json(call("POST", "/api/rules/import", valid));
        var again = json(call("POST", "/api/rules/import", valid));

        assertThat(imported.path("created").findValuesAsString("")).isEmpty();
        assertThat(imported.path("created").size()).isEqualTo(2);
        assertThat(again.path("unchanged").size()).isEqualTo(2);
        assertThat(json(call("GET", "/api/rules/" + second, null))
                        .path("publishedVersion")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void exportRoundTripsTheExampleRules() throws Exception {
        String examples;
        StringBuilder all = new StringBuilder("{\"rules\": [");
        try (var files = Files.list(Path.of("rules-examples"))) {
            List<Path> paths = files.sorted().toList();
            for (int i = 0; i < paths.size(); i++) {
                all.append(i == 0 ? "" : ",").append(Files.readString(paths.get(i)));
            }
        }
        examples = all.append("]}").toString();
        call("POST", "/api/rules/import", examples);

        JsonNode exported = json(call("GET", "/api/rules/export", null));
        var reimported = json(call("POST", "/api/rules/import", exported.toString()));

        assertThat(exported.path("rules").findValuesAsString("key"))
                .contains("abandoned-cart-recovery", "order-confirmation", "gdpr-delete-subscriber");
        assertThat(reimported.path("created").size()
                        + reimported.path("updated").size())
                .isZero();
    }

    @Test
    void testEndpointExplainsLiveAndDraftRules() {
        call("POST", "/api/rules?publish=true", cartRule(key, 20));
        ObjectNode request = JSON.createObjectNode();
        request.set("event", JSON.readTree(SegmentSamples.text("track-user-abandoned-cart.json")));
        request.putArray("rules").add(JSON.readTree(cartRule(key, 500)));

        JsonNode draft = json(call("POST", "/api/rules/test", request.toString()));
        request.remove("rules");
        JsonNode live = json(call("POST", "/api/rules/test", request.toString()));

        assertThat(draft.path("matched").size()).isZero();
        JsonNode why = draft.path("notMatched")
                .get(0)
                .path("explanation")
                .path("all")
                .path("children")
                .get(0);
        assertThat(why.path("found").get(0).path("value").asDouble()).isEqualTo(114.9);
        assertThat(why.path("holds").asBoolean()).isFalse();
        assertThat(live.path("matched").findValuesAsString("key")).contains(key);
        JsonNode request0 = live.path("matched")
                .valueStream()
                .filter(rule -> rule.path("key").asString().equals(key))
                .findFirst()
                .orElseThrow()
                .path("requests")
                .get(0);
        assertThat(request0.path("path").asString()).isEqualTo("/v1/events/trigger");
        assertThat(request0.path("body").path("name").asString()).isEqualTo("abandoned-cart");
    }

    @Test
    void backtestCountsMessagesAndPeopleAndComparesWithThePublishedVersion() {
        call("POST", "/api/rules?publish=true", cartRule(key, 20));
        String tag = UUID.randomUUID().toString();
        for (int total : new int[] {10, 50, 150}) {
            for (String person : List.of("a-" + tag, "b-" + tag)) {
                sendCart(person, total);
            }
        }
        ObjectNode request = JSON.createObjectNode();
        request.set("rule", JSON.readTree(cartRule(key, 100)));
        request.put("from", Instant.now().minusSeconds(600).toString());
        request.put("sampleSize", 3);

        JsonNode result = json(call("POST", "/api/rules/backtest", request.toString()));

        assertThat(result.path("publishedVersion").asInt()).isEqualTo(1);
        assertThat(result.path("draft").path("messages").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(result.path("wouldStop").path("messages").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(result.path("wouldStart").path("messages").asInt()).isZero();
        assertThat(result.path("draft").path("examples").size()).isLessThanOrEqualTo(3);
        var refused = call("POST", "/api/rules/backtest", "{\"rule\": {}, \"window\": \"soon\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    void rolesDecideWhoReadsWritesAndWritesExpressions() {
        user("viewer-" + key, "VIEWER");
        user("editor-" + key, "EDITOR");
        String viewer = basic("viewer-" + key, "password-1234");
        String editor = basic("editor-" + key, "password-1234");
        String withExpression =
                cartRule(key, 20).replace("\"any\": []", "\"expression\": \"properties.cart_total > 10\"");

        assertThat(client.request("GET", "/api/rules", null, "Authorization", viewer)
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.request("POST", "/api/rules", cartRule(key, 20), "Authorization", viewer)
                        .statusCode())
                .isEqualTo(403);
        assertThat(client.request("POST", "/api/rules", withExpression, "Authorization", editor)
                        .statusCode())
                .isEqualTo(403);
        assertThat(client.request("POST", "/api/rules", cartRule(key, 20), "Authorization", editor)
                        .statusCode())
                .isEqualTo(201);
        assertThat(client.request("GET", "/api/rules", null).statusCode()).isEqualTo(401);
        assertThat(call("PUT", "/api/rules/" + key, withExpression).statusCode())
                .isEqualTo(200);
    }

    @Test
    void repeatedWrongBasicPasswordsAreThrottledBeforeThePasswordIsChecked() {
        String name = "guess-" + key;
        user(name, "ADMIN");
        for (int attempt = 0; attempt < 5; attempt++) {
            var wrong = client.request("GET", "/api/rules", null, "Authorization", basic(name, "wrong-" + attempt));
            assertThat(wrong.statusCode()).isEqualTo(401);
        }

        var locked = client.request("GET", "/api/rules", null, "Authorization", basic(name, "password-1234"));

        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(locked).path("type").asString()).endsWith("too-many-logins");
        assertThat(call("GET", "/api/rules", null).statusCode()).isEqualTo(200);
    }

    private void user(String name, String role) {
        jdbc.sql("insert into app_user (username, password_hash, role, enabled, created_at) values (?, ?, ?, true, ?)")
                .params(name, passwords.encode("password-1234"), role, java.time.OffsetDateTime.now())
                .update();
    }

    /** A rule listening to this test's own event name, so rules of other tests never see its messages. */
    private String cartRule(String ruleKey, int minimum) {
        return """
                {"key": "%s", "name": "Cart over %d",
                 "when": {"type": ["track"], "event": ["Cart Abandoned %s", "User Abandoned Cart"],
                          "all": [{"path": "$.properties.cart_total", "op": "gte", "value": %d}], "any": []},
                 "actions": [{"type": "trigger", "workflowId": "abandoned-cart",
                              "to": {"subscriberId": {"@path": "$.userId"}},
                              "payload": {"total": {"@path": "$.properties.cart_total"}}}]}
                """.formatted(ruleKey, minimum, key, minimum);
    }

    private void sendCart(String userId, int total) {
        var response = client.post(
                "/v1/track",
                "{\"userId\":\"" + userId + "\",\"event\":\"Cart Abandoned " + key
                        + "\",\"properties\":{\"cart_total\":\"" + total + "\"}}",
                "Authorization",
                writeKeyHeader());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** What this test's rule said about each message of the user, oldest first, in either storage layout. */
    private List<String> decisionsOf(String userId) {
        return jdbc
                .sql("select e.unmatched_decisions, (select d.outcome from rule_decision d where d.event_id = e.id"
                        + " and d.rule_key = ?) as outcome from event_message e where e.user_id = ?"
                        + " order by e.received_at")
                .params(key, userId)
                .query((rs, row) -> {
                    String outcome = rs.getString("outcome");
                    String unmatched = rs.getString("unmatched_decisions");
                    if (outcome == null
                            && unmatched != null
                            && !unmatchedElement(unmatched).isMissingNode()) {
                        return "not_matched";
                    }
                    return outcome == null ? "" : outcome;
                })
                .list()
                .stream()
                .filter(outcome -> !outcome.isEmpty())
                .toList();
    }

    /** This test's rule in a message's unmatched_decisions, or a missing node. */
    private JsonNode unmatchedElement(String unmatchedDecisions) {
        for (JsonNode element : JSON.readTree(unmatchedDecisions)) {
            if (element.path("rule").asString().equals(key)) {
                return element;
            }
        }
        return JSON.missingNode();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return client.request(method, path, body, "Authorization", adminHeader());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
