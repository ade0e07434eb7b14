package dev.switchboard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.audit.ChangeLog;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.LiveRules;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An override changes behaviour at once, without a restart, through the real parts: the Novu client, the
 * webhook signature filter, the rule compiler and live rules, the change log, and the encrypted table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SettingsIntegrationTests {

    private static final String ENVIRONMENT_SECRET = "test-webhook-secret";

    @LocalServerPort
    int port;

    @Autowired
    RuntimeSettings settings;

    @Autowired
    NovuClient novu;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    LiveRules live;

    @Autowired
    ChangeLog changes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    /** Other full-context tests share this application: leave the environment's values in effect. */
    @AfterEach
    void resetEverySetting() {
        for (Setting setting : Setting.values()) {
            settings.reset(setting, "test-cleanup");
        }
    }

    @Test
    void novuClientSendsToTheNewBaseUrlWithTheNewKey() {
        try (FakeNovu fake = FakeNovu.start()) {
            assertThat(novu.dryRun()).as("the test environment has no API key").isTrue();

            settings.set(Setting.NOVU_BASE_URL, fake.baseUrl(), "ada");
            settings.set(Setting.NOVU_API_KEY, FakeNovu.API_KEY, "ada");

            assertThat(novu.dryRun()).isFalse();
            assertThat(novu.workflows(5).result().delivered()).isTrue();
            assertThat(fake.received("GET", "/v2/workflows"))
                    .singleElement()
                    .satisfies(
                            received -> assertThat(received.authorization()).isEqualTo("ApiKey " + FakeNovu.API_KEY));

            settings.reset(Setting.NOVU_API_KEY, "ada");
            assertThat(novu.dryRun()).as("back to the environment: no key").isTrue();
        }
    }

    @Test
    void theWebhookAcceptsTheNewSecretAndRefusesTheOldOne() {
        IntakeClient client = new IntakeClient(port);
        String body = SegmentSamples.text("track-user-abandoned-cart.json")
                .replace("ajs-next-1f6f3f0e8b2c4c1a9e7d", "settings-wh-" + UUID.randomUUID());
        assertThat(client.post("/webhooks/segment", body, "X-Signature", sign(body, ENVIRONMENT_SECRET))
                        .statusCode())
                .isEqualTo(200);

        settings.set(Setting.WEBHOOK_SECRET, "rotated-webhook-secret-42", "ada");

        String next = body.replace("settings-wh-", "settings-wh2-");
        assertThat(client.post("/webhooks/segment", next, "X-Signature", sign(next, ENVIRONMENT_SECRET))
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.post("/webhooks/segment", next, "X-Signature", sign(next, "rotated-webhook-secret-42"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void mvelOffRefusesARuleWithAnExpressionAndTakesPublishedOnesOutOfLiveTraffic() {
        String key = "settings-mvel-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.create(rule(key, "properties.cart_total > 100"), "ada", true);
        assertThat(live.snapshot().rules()).anyMatch(r -> r.definition().key().equals(key));

        settings.set(Setting.MVEL_ENABLED, "false", "ada");

        assertThatThrownBy(() -> catalog.create(rule(key + "-b", "properties.cart_total > 5"), "ada", false))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("advanced expressions (MVEL) are switched off");
        assertThat(live.snapshot().rules()).noneMatch(r -> r.definition().key().equals(key));

        settings.reset(Setting.MVEL_ENABLED, "ada");
        assertThat(live.snapshot().rules()).anyMatch(r -> r.definition().key().equals(key));
        catalog.delete(key, "ada");
    }

    @Test
    void aChangeIsInTheChangeLogWithTheSecretMasked() {
        Instant before = Instant.now().minusSeconds(1);

        settings.set(Setting.NOVU_API_KEY, "nv_change_log_secret_7788", "ada");
        settings.set(Setting.ENVIRONMENT_NAME, "staging", "ada");

        var recorded = changes.find("setting", before, null, 50);
        assertThat(recorded)
                .anySatisfy(change -> {
                    assertThat(change.subject()).isEqualTo("novu.api-key");
                    assertThat(change.by()).isEqualTo("ada");
                    assertThat(change.action()).isEqualTo("setting_changed");
                    assertThat(String.valueOf(change.diff())).contains("••••7788");
                })
                .anySatisfy(change -> {
                    assertThat(change.subject()).isEqualTo("environment-name");
                    assertThat(String.valueOf(change.diff())).contains("staging");
                })
                .allSatisfy(change -> assertThat(String.valueOf(change.diff())).doesNotContain("nv_change_log_secret"));
        assertThat(settings.environmentName()).isEqualTo("staging");
    }

    @Test
    void theDatabaseNeverHoldsASecretInPlainText() {
        settings.set(Setting.NOVU_API_KEY, "nv_plaintext_never_stored_1234", "ada");
        settings.set(Setting.RETENTION_DAYS, "14", "ada");

        String stored = jdbc.sql("select setting_value from setting_override where name = 'novu.api-key'")
                .query(String.class)
                .single();
        assertThat(stored).startsWith(SettingsEncryption.PREFIX).doesNotContain("nv_plaintext", "1234");
        assertThat(settings.text(Setting.NOVU_API_KEY)).contains("nv_plaintext_never_stored_1234");
        assertThat(jdbc.sql("select setting_value from setting_override where name = 'audit.retention-days'")
                        .query(String.class)
                        .single())
                .as("plain settings stay readable")
                .isEqualTo("14");
        assertThat(settings.retentionDays()).hasValue(14);
    }

    @Test
    void refusesAnInvalidValueAndKeepsTheOldOne() {
        settings.set(Setting.RATE_LIMIT, "pro", "ada");

        assertThatThrownBy(() -> settings.set(Setting.RATE_LIMIT, "custom:0,1,1", "ada"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("above 0");
        assertThat(settings.rateLimits()).contains(RateLimits.Plan.PRO.limits());
    }

    private JsonNode rule(String key, String expression) {
        return json.readTree("""
                {"key": "%s", "name": "MVEL %s", "enabled": true, "priority": 100,
                 "when": {"type": ["track"], "event": ["%s"], "all": [], "any": [], "expression": "%s"},
                 "actions": [{"type": "trigger", "workflowId": "wf", "to": {"subscriberId": {"@path": "$.userId"}}}]}
                """.formatted(key, key, key, expression));
    }

    private static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
