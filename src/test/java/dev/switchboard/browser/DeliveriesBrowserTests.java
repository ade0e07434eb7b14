package dev.switchboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.security.UserSummary;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.IntakeClient;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an editor does about deliveries that did not reach Novu, in a real headless Chromium: find the group on
 * /deliveries, open its list, retry one selected delivery, then everything left after the confirmation; and the
 * charts on the overview and the rule page, drawn by uPlot. Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveriesBrowserTests {

    private static final String PASSWORD = "browser-test-password";
    private static final String REASON = "gave up after 5 attempts: HTTP 503: Service Unavailable";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    private Browser browser;
    private String key;

    @BeforeAll
    void anEditorARuleAndItsDeadDeliveries() {
        if (accounts.list().stream().map(UserSummary::username).noneMatch("delia"::equals)) {
            accounts.create("delia", Role.EDITOR, PASSWORD, "admin");
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        key = "order-shipped-" + suffix;
        String event = "Order Shipped " + suffix;
        catalog.create(JsonMapper.builder().build().readTree("""
                                {"key": "%s", "name": "Order shipped", "enabled": true, "priority": 900,
                                 "when": {"event": ["%s"]},
                                 "actions": [{"type": "trigger", "workflowId": "order-shipped",
                                              "to": {"subscriberId": {"@path": "$.userId"}}}]}
                                """.formatted(key, event)), "admin", true);
        IntakeClient intake = new IntakeClient(port);
        for (int i = 0; i < 3; i++) {
            intake.post(
                    "/v1/track",
                    "{\"type\": \"track\", \"event\": \"" + event + "\", \"userId\": \"shipper-" + i + "\"}",
                    "Authorization",
                    IntakeClient.writeKeyHeader(),
                    "Content-Type",
                    "application/json");
        }
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            Deliveries.trigger("order-shipped", "shipper-" + i)
                    .rule(key)
                    .createdAt(now.minusSeconds(600 - i))
                    .failure("dead", 503, REASON)
                    .attempts(5)
                    .insert(jdbc);
        }
        browser = new Browser(port);
    }

    @AfterAll
    void stopBrowserAndTakeTheRuleOutOfLiveTraffic() {
        if (browser != null) {
            browser.close();
        }
        catalog.find(key).ifPresent(rule -> catalog.delete(rule.key(), "admin"));
    }

    private long pending() {
        return jdbc.sql("select count(*) from delivery where rule_key = :rule and status = 'pending'"
                        + " and attempts > 0")
                .param("rule", key)
                .query(Long.class)
                .single();
    }

    @Test
    void anEditorFindsTheGroupAndRetriesOneThenTheRestAfterConfirming() {
        browser.logIn("delia", PASSWORD);
        browser.click(By.linkText("Deliveries"));
        browser.type(By.id("f-rule"), key);
        browser.submit(By.id("apply-filter"));

        assertThat(browser.text(By.id("groups"))).contains(key, "dead", "HTTP 503", REASON, "Show the 3 deliveries");
        browser.screenshot("deliveries");

        browser.click(By.id("group-0-link"));
        assertThat(browser.text(By.id("page-summary"))).isEqualTo("1–3 of 3");
        browser.click(By.cssSelector("#deliveries tbody tr:first-child input[name=ids]"));
        browser.submit(By.id("retry-selected"));

        assertThat(browser.text(By.cssSelector(".flash.ok"))).isEqualTo("1 delivery was queued to be sent again.");
        assertThat(pending()).isEqualTo(1);
        browser.screenshot("deliveries-retried");

        browser.submit(By.id("retry-matching"));
        assertThat(browser.text(By.id("confirm-count")))
                .isEqualTo("This sends 2 failed or dead deliveries matching this filter to Novu again.");
        browser.submit(By.id("confirm-retry"));

        assertThat(browser.text(By.cssSelector(".flash.ok"))).isEqualTo("2 deliveries were queued to be sent again.");
        assertThat(pending()).isEqualTo(3);
    }

    @Test
    void theOverviewAndTheRulePageDrawTheirCharts() {
        browser.logIn("delia", PASSWORD);

        browser.open("/");
        browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#overview-chart.drawn canvas")));
        assertThat(browser.driver().findElements(By.cssSelector("#overview-chart .u-legend th")))
                .extracting(element -> element.getText())
                .contains("Matched", "Delivered", "Failed", "Dead", "Median latency", "p99 latency");
        browser.screenshot("overview-chart");

        browser.open("/rules/" + key);
        browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rule-chart.drawn canvas")));
        assertThat(browser.text(By.id("rule-chart-total"))).contains("3 matched", "3 dead");
        browser.screenshot("rule-chart");
        browser.click(By.id("stats-hour"));
        browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rule-chart.drawn canvas")));
        assertThat(browser.find(By.cssSelector("#rule-chart figcaption")).getText())
                .contains("the last 24 hours per hour");
    }
}
