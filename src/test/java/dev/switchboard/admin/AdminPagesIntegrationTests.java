package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccountException;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.security.UserChange;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Logging in over real HTTP against the whole application: the throttle, disabled accounts, the user audit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminPagesIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    dev.switchboard.ingest.WriteKeys writeKeys;

    /** One browser-like session: cookies kept, redirects not followed. */
    private final class Session {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        /** Posts the login form and answers where it redirects to. */
        String logIn(String username, String password) throws IOException, InterruptedException {
            String page = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher token = CSRF.matcher(page);
            assertThat(token.find()).isTrue();
            String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                    + encode(token.group(1));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void slowsDownRepeatedFailedLoginsEvenForTheRightPasswordThen() throws Exception {
        accounts.create("tina", Role.VIEWER, "tina-the-right-password", "admin");
        for (int i = 0; i < 5; i++) {
            assertThat(new Session().logIn("tina", "wrong-" + i)).endsWith("/login?error");
        }

        assertThat(new Session().logIn("tina", "tina-the-right-password")).endsWith("/login?locked");
        assertThat(new Session().logIn("admin", "admin-test-password")).doesNotContain("/login");
    }

    @Test
    void refusesADisabledAccount() throws Exception {
        accounts.create("dora", Role.EDITOR, "dora-the-password", "admin");
        assertThat(new Session().logIn("dora", "dora-the-password")).doesNotContain("/login");

        accounts.setEnabled("dora", false, "admin");

        assertThat(new Session().logIn("dora", "dora-the-password")).endsWith("/login?error");
    }

    @Test
    void recordsEveryChangeToAccountsWithWhoMadeIt() {
        accounts.create("carl", Role.VIEWER, "carl-the-password", "admin");
        accounts.changeRole("carl", Role.EDITOR, "admin");
        accounts.changeOwnPassword("carl", "carl-the-password", "carl-a-new-password");

        assertThat(accounts.changes(100))
                .filteredOn(change -> change.username().equals("carl"))
                .extracting(UserChange::change, UserChange::changedBy)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("created as viewer", "admin"),
                        org.assertj.core.groups.Tuple.tuple("role viewer → editor", "admin"),
                        org.assertj.core.groups.Tuple.tuple("password changed", "carl"));
    }

    @Test
    void acceptsAWriteKeyCreatedInSettingsUntilItIsRevoked() throws Exception {
        String key = writeKeys.create("settings-test");
        var intake = new dev.switchboard.support.IntakeClient(port);
        String message = "{\"type\": \"track\", \"event\": \"Key Test\", \"userId\": \"u-1\"}";
        String basic = dev.switchboard.support.IntakeClient.basic(key, "");

        assertThat(intake.post("/v1/track", message, "Authorization", basic).statusCode())
                .isEqualTo(200);
        var created = writeKeys.list().stream()
                .filter(k -> "settings-test".equals(k.source()))
                .findFirst()
                .orElseThrow();
        assertThat(created.hint()).startsWith(key.substring(0, 7));
        writeKeys.revoke(created.id());

        assertThat(intake.post("/v1/track", message, "Authorization", basic).statusCode())
                .isEqualTo(401);
    }

    @Test
    void keepsTheLastAdmin() {
        assertThatThrownBy(() -> accounts.changeRole("admin", Role.VIEWER, "admin"))
                .isInstanceOf(UserAccountException.class)
                .hasMessageContaining("at least one enabled admin");
        assertThatThrownBy(() -> accounts.setEnabled("admin", false, "admin")).isInstanceOf(UserAccountException.class);
    }
}
