package dev.switchboard.admin.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.audit.AuditProperties;
import dev.switchboard.dispatch.DispatchProperties;
import dev.switchboard.ingest.WriteKeyView;
import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuResult;
import dev.switchboard.novu.NovuWorkflows;
import dev.switchboard.rules.RulesProperties;
import dev.switchboard.settings.EnvironmentProperties;
import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Setting;
import dev.switchboard.settings.SettingOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest({SettingsController.class, SettingsApiController.class})
@Import({AdminSliceTestConfiguration.class, EffectiveSettings.class, SettingsControllerTests.Properties.class})
@TestPropertySource(
        properties = {
            "switchboard.novu.api-key=nv_secret_key_1234",
            "switchboard.ingest.webhook-secret=whsec_environment_5678",
            "switchboard.environment-name=staging"
        })
class SettingsControllerTests {

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        RulesProperties.class,
        AuditProperties.class,
        DispatchProperties.class,
        EnvironmentProperties.class
    })
    static class Properties {}

    @Autowired
    MockMvcTester mvc;

    /** A mock from the slice configuration: no overrides unless a test says so. */
    @Autowired
    RuntimeSettings runtime;

    @MockitoBean
    WriteKeys writeKeys;

    @MockitoBean
    NovuClient novu;

    @MockitoBean
    UserDetailsService users;

    @BeforeEach
    void noOverrides() {
        reset(runtime);
    }

    /** The form as the page sends it (the environment's values), with some fields changed. */
    private MockMvcTester.MockMvcRequestBuilder save(String... fields) {
        Map<String, String> form = new LinkedHashMap<>(Map.of(
                "region", "us",
                "environmentName", "staging",
                "retentionDays", "30",
                "mvelEnabled", "true",
                "plan", "free",
                "trigger", "60",
                "configuration", "20",
                "global", "30"));
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        var request =
                mvc.post().uri("/settings").with(user("ada").roles("ADMIN")).with(csrf());
        form.forEach(request::param);
        return request;
    }

    @Test
    void showsTheSettingsInEffectWithSecretsMaskedAndTheWriteKeys() {
        given(writeKeys.list())
                .willReturn(List.of(
                        new WriteKeyView(null, "web", null, null, null),
                        new WriteKeyView(UUID.randomUUID(), "app", "wk_abcd…", Instant.EPOCH, null)));

        assertThat(mvc.get().uri("/settings").with(user("ada").roles("ADMIN")))
                .hasStatusOk()
                .bodyText()
                .contains("wk_abcd…", "Revoke", "••••1234", "••••5678", "https://api.novu.co", "staging")
                .contains("Test connection", "From the environment.")
                .doesNotContain("nv_secret_key_1234", "whsec_environment_5678");
    }

    @Test
    void neverEchoesAnOverriddenSecretIntoThePage() {
        given(runtime.override(Setting.NOVU_API_KEY))
                .willReturn(Optional.of(
                        new SettingOverride(Setting.NOVU_API_KEY, "nv_override_secret_9999", Instant.EPOCH, "ada")));
        given(runtime.text(Setting.NOVU_API_KEY)).willReturn(Optional.of("nv_override_secret_9999"));

        assertThat(mvc.get().uri("/settings").with(user("ada").roles("ADMIN")))
                .hasStatusOk()
                .bodyText()
                .contains("••••9999", "Set here by ada", "reset-NOVU_API_KEY")
                .doesNotContain("nv_override_secret_9999");
    }

    @Test
    void savesOnlyWhatChangedAndAnEmptySecretKeepsTheCurrentOne() {
        var result = save("region", "eu", "retentionDays", "7", "apiKey", "").exchange();

        assertThat(result).hasStatus3xxRedirection().flash().containsKey("message");
        verify(runtime).set(Setting.NOVU_BASE_URL, "https://eu.api.novu.co", "ada");
        verify(runtime).set(Setting.RETENTION_DAYS, "7", "ada");
        verify(runtime, never()).set(eq(Setting.NOVU_API_KEY), anyString(), anyString());
        verify(runtime, never()).set(eq(Setting.ENVIRONMENT_NAME), anyString(), anyString());
        verify(runtime, never()).set(eq(Setting.RATE_LIMIT), anyString(), anyString());
    }

    @Test
    void setsATypedSecretWithoutShowingIt() {
        assertThat(save("webhookSecret", "whsec_new_secret_0000").exchange()).hasStatus3xxRedirection();

        verify(runtime).set(Setting.WEBHOOK_SECRET, "whsec_new_secret_0000", "ada");
    }

    @Test
    void refusesABadUrlNextToTheFieldAndSavesNothing() {
        assertThat(save("region", "custom", "baseUrl", "ftp://novu", "apiKey", "nv_typed_secret_4321"))
                .hasStatusOk()
                .bodyText()
                .contains("Nothing was saved", "must be an http(s) URL")
                .doesNotContain("nv_typed_secret_4321");
        verify(runtime, never()).set(any(), anyString(), anyString());
    }

    @Test
    void refusesARetentionUnderOneDay() {
        assertThat(save("retentionDays", "0")).hasStatusOk().bodyText().contains("must be at least 1 day");
        verify(runtime, never()).set(any(), anyString(), anyString());
    }

    @Test
    void refusesACustomRateOfZero() {
        assertThat(save("plan", "custom", "trigger", "0", "global", "abc"))
                .hasStatusOk()
                .bodyText()
                .contains("must be above 0 requests per second", "must be a number of requests per second");
        verify(runtime, never()).set(any(), anyString(), anyString());
    }

    @Test
    void refusesABadEnvironmentNameAndAShortApiKey() {
        assertThat(save("environmentName", "<b>prod</b>", "apiKey", "short"))
                .hasStatusOk()
                .bodyText()
                .contains("must be 1 to 40 letters", "must be 8 to 500 characters without spaces")
                .doesNotContain("<b>prod</b>");
        verify(runtime, never()).set(any(), anyString(), anyString());
    }

    @Test
    void setsAPlanOrCustomRates() {
        assertThat(save("plan", "pro").exchange()).hasStatus3xxRedirection();
        verify(runtime).set(Setting.RATE_LIMIT, "pro", "ada");

        assertThat(save("plan", "custom", "trigger", "100", "configuration", "10", "global", "50")
                        .exchange())
                .hasStatus3xxRedirection();
        verify(runtime).set(Setting.RATE_LIMIT, "custom:100,10,50", "ada");
    }

    @Test
    void resetsASettingToTheEnvironmentValue() {
        var result = mvc.post()
                .uri("/settings/reset/audit.retention-days")
                .with(user("ada").roles("ADMIN"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().flash().containsKey("message");
        verify(runtime).reset(Setting.RETENTION_DAYS, "ada");
    }

    @Test
    void testsTheTypedConnectionAndSaysWhenTheKeyIsRefused() {
        given(novu.workflows(any(NovuClient.Connection.class), eq(1)))
                .willReturn(new NovuWorkflows(
                        new NovuResult(
                                NovuResult.Outcome.PERMANENT,
                                401,
                                "HTTP 401: API Key not found",
                                null,
                                null,
                                null,
                                null,
                                Duration.ofMillis(5)),
                        List.of()));

        assertThat(mvc.post()
                        .uri("/settings/novu/test")
                        .param("region", "eu")
                        .param("apiKey", "nv_typed_secret_4321")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .hasStatusOk()
                .bodyText()
                .contains("API key refused")
                .doesNotContain("nv_typed_secret_4321");
        verify(novu).workflows(new NovuClient.Connection("https://eu.api.novu.co", "nv_typed_secret_4321"), 1);
    }

    @Test
    void testsTheKeyInEffectWhenNoneIsTyped() {
        given(novu.workflows(any(NovuClient.Connection.class), eq(1)))
                .willReturn(new NovuWorkflows(
                        new NovuResult(NovuResult.Outcome.DELIVERED, 200, "OK", null, null, null, null, Duration.ZERO),
                        List.of()));

        assertThat(mvc.post()
                        .uri("/settings/novu/test")
                        .param("region", "us")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .hasStatusOk()
                .bodyText()
                .contains("Connected");
        verify(novu).workflows(new NovuClient.Connection("https://api.novu.co", "nv_secret_key_1234"), 1);
    }

    @Test
    void showsANewKeyOnceAfterCreatingIt() {
        given(writeKeys.create("app")).willReturn("wk_new_key_value");

        var result = mvc.post()
                .uri("/settings/write-keys")
                .param("source", "app")
                .with(user("ada").roles("ADMIN"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().flash().containsEntry("newKey", "wk_new_key_value");
    }

    @Test
    void revokesAKey() {
        UUID id = UUID.randomUUID();

        assertThat(mvc.post()
                        .uri("/settings/write-keys/" + id + "/revoke")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        verify(writeKeys).revoke(id);
    }

    @Test
    void keepsViewersAndEditorsOut() {
        assertThat(mvc.get().uri("/settings").with(user("eve").roles("EDITOR"))).hasStatus(403);
        assertThat(mvc.get().uri("/settings").with(user("vic").roles("VIEWER"))).hasStatus(403);
        assertThat(save().with(user("eve").roles("EDITOR"))).hasStatus(403);
        assertThat(mvc.post()
                        .uri("/settings/reset/novu.api-key")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        verify(runtime, never()).reset(any(), anyString());
    }

    @Test
    void theApiMirrorsThePageForAdminsWithSecretsMasked() {
        assertThat(mvc.get().uri("/api/settings").with(user("ada").roles("ADMIN")))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[?(@.setting == 'NOVU_API_KEY')].shown")
                .asArray()
                .containsExactly("••••1234");
        assertThat(mvc.get().uri("/api/settings").with(user("vic").roles("VIEWER")))
                .bodyText()
                .doesNotContain("nv_secret_key_1234");
    }

    @Test
    void theApiRefusesAnInvalidValueAsAProblemAndChangesNothing() {
        assertThat(mvc.put()
                        .uri("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"audit.retention-days\": \"0\", \"dispatch.rate-limit\": \"pro\"}")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .hasStatus(400)
                .bodyJson()
                .extractingPath("$.errors['audit.retention-days']")
                .isEqualTo("must be at least 1 day");
        verify(runtime, never()).set(any(), anyString(), anyString());
    }

    @Test
    void theApiSetsAndResets() {
        assertThat(mvc.put()
                        .uri("/api/settings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dispatch.rate-limit\": \"team\", \"rules.mvel-enabled\": null}")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .hasStatusOk();
        verify(runtime).set(Setting.RATE_LIMIT, "team", "ada");
        verify(runtime).reset(Setting.MVEL_ENABLED, "ada");
    }
}
