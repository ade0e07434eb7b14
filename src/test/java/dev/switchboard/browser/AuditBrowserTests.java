package dev.switchboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.dispatch.DeadDeliveries;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.support.IntakeClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * "What happened to Jane's order email?" in a real headless Chromium: search by userId, open the message, read
 * the rule's decision and the dead delivery with Novu's answer, and send it again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditBrowserTests {

    private static final String PASSWORD = "audit-browser-password";

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String rule = "order-email-" + tag;
    private final String event = "Order Completed " + tag;
    private final String jane = "jane-" + tag;
    private final String editor = "erin-" + tag;

    @LocalServerPort
    int port;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private Browser browser;

    @BeforeAll
    void aDeadDeliveryForJane() {
        browser = new Browser(port);
        accounts.create(editor, Role.EDITOR, PASSWORD, "admin");
        catalog.create(
                JsonMapper.builder()
                        .build()
                        .readTree("{\"key\": \"" + rule + "\", \"name\": \"Order email " + tag + "\","
                                + " \"enabled\": true, \"priority\": 100, \"when\": {\"type\": [\"track\"],"
                                + " \"event\": [\"" + event + "\"], \"all\": [{\"path\": \"$.properties.total\","
                                + " \"op\": \"gte\", \"value\": 20}]}, \"actions\": [{\"type\": \"trigger\","
                                + " \"workflowId\": \"order-email\", \"to\": {\"subscriberId\": {\"@path\":"
                                + " \"$.userId\"}}, \"payload\": {\"total\": {\"@path\": \"$.properties.total\"}}}]}"),
                "admin",
                true);
        String body = "{\"type\": \"track\", \"messageId\": \"ajs-" + tag + "\", \"userId\": \"" + jane + "\","
                + " \"event\": \"" + event + "\", \"properties\": {\"total\": 114.9, \"order_id\": \"o-" + tag + "\"}}";
        var response = new IntakeClient(port)
                .post(
                        "/v1/track",
                        body,
                        "Authorization",
                        IntakeClient.writeKeyHeader(),
                        "Content-Type",
                        "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        UUID delivery = jdbc.sql("select id from delivery where user_id = ? and rule_key = ?")
                .params(jane, rule)
                .query(UUID.class)
                .single();
        DeadDeliveries.giveUp(context, delivery);
    }

    @AfterAll
    void stopBrowserAndTakeTheRuleOutOfLiveTraffic() {
        if (browser != null) {
            browser.close();
        }
        catalog.find(rule).ifPresent(r -> catalog.delete(r.key(), "admin"));
    }

    @Test
    void anEditorFindsJanesDeadEmailSeesWhyAndSendsItAgain() {
        browser.logIn(editor, PASSWORD);
        browser.click(By.linkText("Audit log"));
        browser.type(By.id("userId"), jane);
        browser.submit(By.id("search"));
        assertThat(browser.driver().getCurrentUrl()).contains("userId=" + jane);
        assertThat(browser.text(By.id("events"))).contains(event, jane, "routed", "1: " + rule);
        browser.screenshot("audit");

        browser.click(By.cssSelector("#events tbody tr a"));
        browser.find(By.id("received"));
        assertThat(browser.text(By.id("decision-" + rule)))
                .contains(rule, "version 1", "matched", "$.properties.total is at least 20", "114.9 (number)");
        String delivery = browser.text(By.cssSelector("li.delivery"));
        assertThat(delivery)
                .contains("dead", "POST /v1/events/trigger", "order-email", "HTTP 503", "Service Unavailable")
                .contains("gave up after 1 attempts: Novu answered 503");
        browser.click(By.cssSelector("#message-json summary"));
        assertThat(browser.text(By.cssSelector("#message-json pre"))).contains("\"order_id\" : \"o-" + tag + "\"");
        browser.screenshot("audit-detail");

        browser.submit(By.cssSelector("li.delivery button[id^=retry-]"));
        assertThat(browser.text(By.cssSelector(".flash.ok"))).contains("Queued again");
        browser.waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("li.delivery .status"), "retrying"));
        assertThat(browser.text(By.cssSelector("li.delivery"))).doesNotContain("dead");
        assertThat(browser.driver().findElements(By.cssSelector("li.delivery button[id^=retry-]")))
                .isEmpty();
    }
}
