package dev.switchboard.admin.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.security.UserSummary;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.IntakeClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The deliveries page against the whole application and its database, over real HTTP with a session and the
 * CSRF token a browser would send: the groups it shows, and that retrying everything matching a filter
 * re-queues exactly the deliveries the filter matches. The dispatcher is off in tests, so re-queued rows stay
 * pending where the test can see them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FailedDeliveriesIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "deliveries-test-password";
    private static final String DOWN = "gave up after 5 attempts: HTTP 503: Novu is down";
    private static final String NOT_FOUND = "workflow_not_found: welcome";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts accounts;

    private String rule;
    private String otherRule;

    @BeforeEach
    void peopleAndARuleOfTheirOwn() {
        for (var person :
                java.util.Map.of("dina", Role.EDITOR, "vera", Role.VIEWER).entrySet()) {
            if (accounts.list().stream().map(UserSummary::username).noneMatch(person.getKey()::equals)) {
                accounts.create(person.getKey(), person.getValue(), PASSWORD, "admin");
            }
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        rule = "fd-" + suffix;
        otherRule = "fd-other-" + suffix;
    }

    private UUID insert(String ruleKey, String status, Integer http, String error, Instant at) {
        return Deliveries.trigger("welcome", "u-" + UUID.randomUUID())
                .rule(ruleKey)
                .createdAt(at)
                .failure(status, http, error)
                .insert(jdbc);
    }

    @Test
    void groupsTheFailedAndDeadDeliveriesOfARuleByReason() throws Exception {
        Instant at = Instant.parse("2026-06-01T10:00:00Z");
        insert(rule, "dead", 503, DOWN, at);
        insert(rule, "dead", 503, DOWN, at.plusSeconds(3600));
        insert(rule, "failed", 422, NOT_FOUND, at.plusSeconds(60));
        insert(rule, "invalid", null, "to.subscriberId is missing", at);
        Deliveries.trigger("welcome", "u-ok").rule(rule).status("delivered").insert(jdbc);

        Session dina = new Session("dina");
        String page = dina.get("/deliveries?rule=" + rule);

        assertThat(page)
                .contains(DOWN, NOT_FOUND, "HTTP 503", "HTTP 422", "Show the 2 deliveries", "Show the delivery")
                .contains("2026-06-01 10:00:00 UTC", "2026-06-01 11:00:00 UTC")
                .contains("1–3 of 3")
                .doesNotContain("to.subscriberId is missing");
        assertThat(dina.get("/deliveries?rule=" + rule + "&status=invalid"))
                .contains("to.subscriberId is missing", "1–1 of 1");
    }

    @Test
    void retryingEverythingMatchingAFilterRequeuesExactlyThoseDeliveries() throws Exception {
        Instant at = Instant.parse("2026-06-02T10:00:00Z");
        List<UUID> matching = List.of(
                insert(rule, "dead", 503, DOWN, at),
                insert(rule, "dead", 503, DOWN, at.plusSeconds(60)),
                insert(rule, "dead", 503, DOWN, at.plusSeconds(120)));
        UUID tooEarly = insert(rule, "dead", 503, DOWN, at.minusSeconds(60));
        UUID otherReason = insert(rule, "failed", 422, NOT_FOUND, at);
        UUID otherRuleDead = insert(otherRule, "dead", 503, DOWN, at);
        String filter = "rule=" + rule + "&reason=" + encode(DOWN) + "&from=2026-06-02T10:00";
        Session dina = new Session("dina");

        String confirm = dina.get("/deliveries/confirm?" + filter);
        assertThat(confirm).contains("This sends 3 failed or dead deliveries matching this filter to Novu again.");
        HttpResponse<String> posted = dina.post(
                "/deliveries/retry-matching", confirm, filter.replace("2026-06-02T10:00", encode("2026-06-02T10:00")));

        assertThat(posted.statusCode()).isEqualTo(302);
        String back = posted.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains("rule=" + rule, "from=2026-06-02T10%3A00");
        assertThat(dina.get(
                        URI.create(back).getRawPath() + "?" + URI.create(back).getRawQuery()))
                .contains("3 deliveries were queued to be sent again.");
        assertThat(matching)
                .allSatisfy(id -> assertThat(Deliveries.status(jdbc, id)).isEqualTo("pending"));
        assertThat(Deliveries.status(jdbc, tooEarly)).isEqualTo("dead");
        assertThat(Deliveries.status(jdbc, otherReason)).isEqualTo("failed");
        assertThat(Deliveries.status(jdbc, otherRuleDead)).isEqualTo("dead");
    }

    @Test
    void retriesASelectionAndRefusesAViewer() throws Exception {
        Instant at = Instant.parse("2026-06-03T10:00:00Z");
        UUID chosen = insert(rule, "dead", 503, DOWN, at);
        UUID left = insert(rule, "dead", 503, DOWN, at.plusSeconds(1));

        Session vera = new Session("vera");
        String seen = vera.get("/deliveries?rule=" + rule);
        assertThat(seen).contains(DOWN).doesNotContain("name=\"ids\"");
        assertThat(vera.post("/deliveries/retry", seen, "ids=" + chosen).statusCode())
                .isEqualTo(403);
        assertThat(Deliveries.status(jdbc, chosen)).isEqualTo("dead");

        Session dina = new Session("dina");
        String page = dina.get("/deliveries?rule=" + rule);
        HttpResponse<String> posted = dina.post("/deliveries/retry", page, "rule=" + rule + "&ids=" + chosen);

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(Deliveries.status(jdbc, chosen)).isEqualTo("pending");
        assertThat(Deliveries.status(jdbc, left)).isEqualTo("dead");
    }

    @Test
    void theJsonApiEnforcesTheSameRolesAsThePage() throws Exception {
        UUID dead = insert(rule, "dead", 503, DOWN, Instant.parse("2026-06-04T10:00:00Z"));
        IntakeClient api = new IntakeClient(port);
        String vera = IntakeClient.basic("vera", PASSWORD);
        String dina = IntakeClient.basic("dina", PASSWORD);

        assertThat(api.get("/api/deliveries?rule=" + rule, "Authorization", vera)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/deliveries/" + dead + "/retry", "", "Authorization", vera)
                        .statusCode())
                .isEqualTo(403);
        assertThat(Deliveries.status(jdbc, dead)).isEqualTo("dead");
        assertThat(api.post("/api/deliveries/" + dead + "/retry", "", "Authorization", dina)
                        .statusCode())
                .isEqualTo(202);
        assertThat(Deliveries.status(jdbc, dead)).isEqualTo("pending");
    }

    /** A browser-like session: a cookie jar, HTTP Basic for the login, redirects not followed. */
    private final class Session {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final String authorization;

        Session(String username) {
            this.authorization = IntakeClient.basic(username, PASSWORD);
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Authorization", authorization)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return response.body();
        }

        /** Posts {@code form} with the CSRF token of {@code page}, as the page's form would. */
        HttpResponse<String> post(String path, String page, String form) throws IOException, InterruptedException {
            Matcher token = CSRF.matcher(page);
            assertThat(token.find()).as("a CSRF token on the page").isTrue();
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(token.group(1))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
