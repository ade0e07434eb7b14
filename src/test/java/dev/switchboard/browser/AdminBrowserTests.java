package dev.switchboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.security.UserSummary;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a marketer does, in a real headless Chromium: log in, build the abandoned-cart rule from a blank page
 * with the builder, test it against a stored event, backtest, publish, see a matching event routed, edit, see
 * the diff, roll back; and what editors, viewers and hostile event data cannot do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBrowserTests {

    private static final String PASSWORD = "browser-test-password";
    private static final String CART_MESSAGE_ID = "ajs-next-1f6f3f0e8b2c4c1a9e7d";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    private Browser browser;
    private IntakeClient intake;

    @BeforeAll
    void startBrowser() {
        browser = new Browser(port);
        intake = new IntakeClient(port);
    }

    @Autowired
    RuleCatalog catalog;

    @AfterAll
    void stopBrowserAndTakeTheRuleOutOfLiveTraffic() {
        if (browser != null) {
            browser.close();
        }
        // Other full-context tests share this application: the published rule must not route their messages.
        catalog.find("abandoned-cart").ifPresent(rule -> catalog.delete(rule.key(), "admin"));
    }

    @BeforeEach
    void people() {
        for (var person :
                java.util.Map.of("maria", Role.EDITOR, "victor", Role.VIEWER).entrySet()) {
            if (accounts.list().stream().map(UserSummary::username).noneMatch(person.getKey()::equals)) {
                accounts.create(person.getKey(), person.getValue(), PASSWORD, "admin");
            }
        }
    }

    private void send(String sample, String messageId) {
        String body = SegmentSamples.text(sample + ".json").replace(CART_MESSAGE_ID, messageId);
        var response = intake.post(
                "/v1/track", body, "Authorization", IntakeClient.writeKeyHeader(), "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aMarketerBuildsTestsPublishesAndRollsBackTheAbandonedCartRule() {
        send("track-user-abandoned-cart", "ajs-browser-before-rule");
        browser.logIn("maria", PASSWORD);
        browser.open("/");
        // Other full-context tests share this database and route messages of their own: count from here.
        int matchedBefore = Integer.parseInt(browser.text(By.id("count-matched")));
        browser.screenshot("overview");

        browser.click(By.linkText("Rules"));
        browser.submit(By.id("new-rule"));
        browser.type(By.id("name"), "Abandoned cart");
        browser.type(By.id("key"), "abandoned-cart");
        browser.type(By.id("event-0"), "User Abandoned Cart");
        browser.click(By.id("all-0-path"));
        browser.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#paths option[value='$.properties.cart_total']")));
        browser.type(By.id("all-0-path"), "$.properties.cart_total");
        browser.select(By.id("all-0-op"), "gte");
        browser.type(By.id("all-0-value"), "20");
        browser.select(By.id("all-0-type"), "number");
        browser.type(By.id("action-0-field-0-value"), "abandoned-cart-recovery");
        browser.type(By.id("action-0-field-4-name"), "payload.cartUrl");
        browser.type(By.id("action-0-field-4-value"), "$.properties.cart_url");
        browser.submit(By.id("add-field-0"));
        browser.type(By.id("action-0-field-5-name"), "payload.greeting");
        browser.select(By.id("action-0-field-5-source"), "template");
        browser.type(By.id("action-0-field-5-value"), "Hi {{context.traits.firstName}}, you left something behind");
        assertThat(browser.find(By.id("all-0-value")).getAttribute("value")).isEqualTo("20");

        browser.click(By.id("source-stored"));
        browser.click(By.id("run-test"));
        String verdict = browser.text(By.id("verdict"));
        assertThat(verdict).contains("Matched");
        String result = browser.text(By.id("test-result"));
        assertThat(result)
                .contains("$.properties.cart_total is at least 20", "114.9 (number)")
                .contains("POST /v1/events/trigger", "abandoned-cart-recovery", "https://shop.example.com/cart/c-99120")
                .contains("Hi John, you left something behind");
        browser.screenshot("builder-test");

        browser.click(By.id("run-backtest"));
        browser.find(By.id("backtest-summary"));
        assertThat(browser.text(By.id("backtest-messages"))).isEqualTo("1");
        browser.screenshot("builder-backtest");

        browser.submit(By.id("publish"));
        assertThat(browser.pageText()).contains("Published.", "version 1 is live");
        browser.screenshot("builder");

        send("track-user-abandoned-cart", "ajs-browser-after-rule");
        browser.click(By.linkText("Overview"));
        assertThat(browser.text(By.id("deliveries"))).contains("abandoned-cart v1", "POST /v1/events/trigger");
        assertThat(browser.text(By.id("count-matched"))).isEqualTo(Integer.toString(matchedBefore + 1));
        browser.screenshot("overview");

        browser.open("/rules/abandoned-cart");
        browser.type(By.id("all-0-value"), "50");
        browser.submit(By.id("save-draft"));
        assertThat(browser.pageText()).contains("Draft saved.", "unpublished changes");
        browser.submit(By.id("publish-draft"));
        browser.click(By.linkText("History"));
        assertThat(browser.text(By.id("version-2"))).contains("published", "maria");
        assertThat(browser.find(By.cssSelector("#version-2 .diff .removed")).getText())
                .contains("20");
        assertThat(browser.find(By.cssSelector("#version-2 .diff .added")).getText())
                .contains("50");
        browser.screenshot("history");

        browser.submit(By.id("rollback-1"));
        assertThat(browser.pageText()).contains("Rolled back to version 1: it is live again as version 3.");
        assertThat(browser.text(By.id("version-3"))).contains("rolled back to version 1");

        browser.click(By.linkText("Rules"));
        assertThat(browser.text(By.id("rule-abandoned-cart"))).contains("Abandoned cart", "published", "1");
        browser.screenshot("rules");
    }

    @Test
    void anEditorCannotOpenUsersOrSettingsNorWriteAdvancedExpressions() {
        browser.logIn("maria", PASSWORD);

        browser.open("/users");
        assertThat(browser.pageText()).contains("Not allowed");
        browser.open("/settings");
        assertThat(browser.pageText()).contains("Not allowed");
        browser.open("/rules/new");
        assertThat(browser.driver().findElements(By.id("expression"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Users"))).isEmpty();
    }

    @Test
    void aViewerCanBrowseButNotEdit() {
        browser.logIn("victor", PASSWORD);

        browser.open("/rules/new");
        assertThat(browser.find(By.id("name")).isEnabled()).isFalse();
        assertThat(browser.driver().findElements(By.id("publish"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("new-rule"))).isEmpty();
    }

    @Test
    void showsAScriptInAnEventAsText() {
        String hostile = "<script>document.title='pwned'</script>";
        String body = "{\"type\": \"track\", \"userId\": \"mallory\", \"messageId\": \"xss-1\", \"event\": \"" + hostile
                + "\", \"properties\": {\"note\": \"" + hostile + "\"}}";
        intake.post(
                "/v1/track", body, "Authorization", IntakeClient.writeKeyHeader(), "Content-Type", "application/json");
        browser.logIn("maria", PASSWORD);

        browser.open("/");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), hostile));
        assertThat(browser.driver().getTitle()).isEqualTo("Overview");

        browser.open("/rules/new");
        browser.type(By.id("event-0"), hostile);
        browser.type(By.id("action-0-field-0-value"), "xss-check");
        browser.submit(By.id("add-event"));
        browser.click(By.id("source-paste"));
        browser.type(By.id("testJson"), body.replace("xss-1", "xss-2"));
        browser.click(By.id("run-test"));
        browser.find(By.id("verdict"));
        assertThat(browser.text(By.id("test-result"))).contains(hostile);
        assertThat(browser.driver().getTitle()).isEqualTo("New rule");
    }
}
