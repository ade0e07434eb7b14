package dev.switchboard.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.support.IntakeClient;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit pages over real HTTP against the whole application: messages posted to intake, routed by a
 * published rule, then found with each filter and read back as a chain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPagesIntegrationTests {

    private static final Pattern EVENT_LINK = Pattern.compile("href=\"/audit/([0-9a-f-]{36})\"");

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String rule = "audit-pages-" + tag;
    private final String event = "Audit Page Checked " + tag;
    private final String jane = "jane-" + tag;
    private final String joe = "joe-" + tag;

    @LocalServerPort
    int port;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    UserAccounts accounts;

    private IntakeClient client;

    @BeforeAll
    void publishARuleAndSendMessages() {
        client = new IntakeClient(port);
        catalog.create(
                JsonMapper.builder()
                        .build()
                        .readTree("{\"key\": \"" + rule + "\", \"name\": \"Audit pages " + tag + "\","
                                + " \"enabled\": true, \"priority\": 100, \"when\": {\"type\": [\"track\"],"
                                + " \"event\": [\"" + event + "\"], \"all\": [{\"path\": \"$.properties.total\","
                                + " \"op\": \"gte\", \"value\": 20}]}, \"actions\": [{\"type\": \"trigger\","
                                + " \"workflowId\": \"audit-check\", \"to\": {\"subscriberId\": {\"@path\":"
                                + " \"$.userId\"}}, \"payload\": {\"total\": {\"@path\": \"$.properties.total\"}}}]}"),
                "admin",
                true);
        track(jane, event, "50", "big");
        track(jane, event, "5", "small");
        track(joe, "Something Else " + tag, "70", "<script>alert('joe')</script>");
    }

    @AfterAll
    void takeTheRuleOutOfLiveTraffic() {
        catalog.find(rule).ifPresent(r -> catalog.delete(r.key(), "admin"));
    }

    private void track(String user, String name, String total, String note) {
        String body = "{\"type\": \"track\", \"messageId\": \"audit-" + UUID.randomUUID() + "\", \"userId\": \""
                + user + "\", \"event\": \"" + name + "\", \"properties\": {\"total\": " + total
                + ", \"note\": \"" + note + "\"}}";
        HttpResponse<String> response = client.post(
                "/v1/track", body, "Authorization", IntakeClient.writeKeyHeader(), "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private String page(String path) {
        HttpResponse<String> response = client.get(path, "Authorization", IntakeClient.adminHeader());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static List<String> eventIds(String page) {
        List<String> ids = new ArrayList<>();
        Matcher link = EVENT_LINK.matcher(page);
        while (link.find()) {
            ids.add(link.group(1));
        }
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void findsAPersonsMessagesNewestFirst() {
        String page = page("/audit?userId=" + jane);

        assertThat(eventIds(page)).hasSize(2);
        assertThat(page).contains("value=\"" + jane + "\"", event).doesNotContain(joe);
        assertThat(page.indexOf("class=\"status no_match\""))
                .isPositive()
                .isLessThan(page.indexOf("class=\"status routed\""));
    }

    @Test
    void filtersByEventStatusAndRule() {
        assertThat(eventIds(page("/audit?event=" + encode(event)))).hasSize(2);
        assertThat(eventIds(page("/audit?userId=" + jane + "&status=routed"))).hasSize(1);
        assertThat(eventIds(page("/audit?userId=" + jane + "&status=no_match"))).hasSize(1);
        assertThat(eventIds(page("/audit?userId=" + jane + "&status=pending"))).hasSize(1);
        assertThat(eventIds(page("/audit?userId=" + jane + "&status=dead"))).isEmpty();

        String byRule = page("/audit?rule=" + rule);
        assertThat(eventIds(byRule)).hasSize(1);
        assertThat(byRule).contains("<option value=\"" + rule + "\" selected=\"selected\">", "1</span>:", rule);
        assertThat(eventIds(page("/audit?rule=" + rule + "&status=no_match"))).isEmpty();
    }

    @Test
    void showsTheChainOfARoutedMessage() {
        String id = eventIds(page("/audit?rule=" + rule)).get(0);

        String detail = page("/audit/" + id);

        assertThat(detail)
                .contains(jane, event, "id=\"event-status\">routed<")
                .contains("id=\"decision-" + rule + "\"", "href=\"/rules/" + rule + "\"")
                .contains("$.properties.total is at least 20", "50 (number)")
                .contains("POST /v1/events/trigger", "&quot;name&quot; : &quot;audit-check&quot;")
                .contains("&quot;subscriberId&quot; : &quot;" + jane + "&quot;")
                .contains("pending", "Not tried yet.");
    }

    @Test
    void showsTheRuleThatDidNotMatchWithItsExplanation() {
        String id = eventIds(page("/audit?userId=" + jane + "&status=no_match")).get(0);

        String detail = page("/audit/" + id);

        // The decision comes from the message's unmatched_decisions (V50), not from a rule_decision row.
        assertThat(detail)
                .contains("id=\"event-status\">no_match<", "id=\"decision-" + rule + "\"")
                .contains("$.properties.total is at least 20", "5 (number)");
    }

    @Test
    void showsAScriptInAStoredMessageAsText() {
        String id = eventIds(page("/audit?userId=" + joe)).get(0);

        String detail = page("/audit/" + id);

        assertThat(detail)
                .contains("&lt;script&gt;alert(&#39;joe&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert");
    }

    @Test
    void answersAnUnknownMessageWithTheNotFoundPage() {
        HttpResponse<String> response =
                client.get("/audit/" + UUID.randomUUID(), "Authorization", IntakeClient.adminHeader());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Not found");
    }

    @Test
    void letsEditorsButNotViewersRetryThroughTheApiAsOnThePages() {
        accounts.create("ed-" + tag, Role.EDITOR, "editor-password-" + tag, "admin");
        accounts.create("vi-" + tag, Role.VIEWER, "viewer-password-" + tag, "admin");
        String path = "/api/deliveries/" + UUID.randomUUID() + "/retry";
        // A filter that matches nothing: other tests' dead deliveries in the shared database stay as they are.
        String bulkPath = "/api/deliveries/retry?rule=no-such-rule-" + tag;
        String editorLogin = IntakeClient.basic("ed-" + tag, "editor-password-" + tag);
        String viewerLogin = IntakeClient.basic("vi-" + tag, "viewer-password-" + tag);

        var editor = client.request("POST", path, null, "Authorization", editorLogin);
        var viewer = client.request("POST", path, null, "Authorization", viewerLogin);
        var editorBulk = client.request("POST", bulkPath, null, "Authorization", editorLogin);
        var viewerBulk = client.request("POST", bulkPath, null, "Authorization", viewerLogin);

        assertThat(editor.statusCode()).isEqualTo(404);
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(editorBulk.statusCode()).isEqualTo(202);
        assertThat(editorBulk.body()).contains("\"requeued\":0");
        assertThat(viewerBulk.statusCode()).isEqualTo(403);
    }

    @Test
    void listsRuleChangesWithALinkToTheHistory() {
        String page = page("/audit/changes?kind=rule");

        assertThat(page).contains(rule + " v1", "href=\"/rules/" + rule + "/history\"");
    }
}
