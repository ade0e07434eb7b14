package dev.switchboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.security.UserSummary;
import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Setting;
import dev.switchboard.support.FakeNovu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An admin connects Switchboard to Novu on /settings in a real headless Chromium: types the base URL and API
 * key, tests the connection, saves, and the dry-run banner goes; an editor cannot open the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsBrowserTests {

    private static final String PASSWORD = "browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    RuntimeSettings settings;

    private Browser browser;
    private FakeNovu novu;

    @BeforeAll
    void start() {
        browser = new Browser(port);
        novu = FakeNovu.start();
        if (accounts.list().stream().map(UserSummary::username).noneMatch("sam"::equals)) {
            accounts.create("sam", Role.EDITOR, PASSWORD, "admin");
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (novu != null) {
            novu.close();
        }
        // Other full-context tests share this application: the environment's settings again.
        for (Setting setting : Setting.values()) {
            settings.reset(setting, "test-cleanup");
        }
    }

    @Test
    void anAdminConnectsNovuTestsTheConnectionAndSaves() {
        browser.logIn("admin", "admin-test-password");
        browser.open("/settings");
        assertThat(browser.driver().findElements(By.cssSelector(".banner.dry"))).isNotEmpty();

        browser.select(By.id("region"), "custom");
        browser.type(By.id("baseUrl"), novu.baseUrl());
        browser.type(By.id("apiKey"), "not-the-right-key-0000");
        browser.click(By.id("test-connection"));
        browser.waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection-test"), "API key refused"));

        browser.type(By.id("apiKey"), FakeNovu.API_KEY);
        browser.click(By.id("test-connection"));
        browser.waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("connection-test"), "Connected"));
        browser.type(By.id("environmentName"), "browser-staging");
        browser.screenshot("settings");

        browser.submit(By.id("save-settings"));

        assertThat(browser.pageText()).contains("Settings saved", "Set here by admin");
        assertThat(browser.text(By.id("environment-name"))).isEqualTo("browser-staging");
        assertThat(browser.driver().findElements(By.cssSelector(".banner.dry"))).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(FakeNovu.API_KEY);
        assertThat(browser.text(By.id("apiKey-current")))
                .contains("••••" + FakeNovu.API_KEY.substring(FakeNovu.API_KEY.length() - 4));
        assertThat(novu.received("GET", "/v2/workflows")).isNotEmpty();

        browser.submit(By.id("reset-NOVU_API_KEY"));
        assertThat(browser.driver().findElements(By.cssSelector(".banner.dry"))).isNotEmpty();
    }

    @Test
    void anEditorCannotOpenSettings() {
        browser.logIn("sam", PASSWORD);

        browser.open("/settings");

        assertThat(browser.pageText()).contains("Not allowed");
        assertThat(browser.driver().findElements(By.linkText("Settings"))).isEmpty();
    }
}
