package dev.switchboard.admin.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.ingest.WriteKeyView;
import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.rules.RulesProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(SettingsController.class)
@Import({AdminSliceTestConfiguration.class, SettingsControllerTests.Properties.class})
@TestPropertySource(properties = "switchboard.novu.api-key=nv_secret_key_1234")
class SettingsControllerTests {

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RulesProperties.class)
    static class Properties {}

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    WriteKeys writeKeys;

    @MockitoBean
    UserDetailsService users;

    @Test
    void showsTheWriteKeysAndTheConfigurationWithSecretsMasked() {
        given(writeKeys.list())
                .willReturn(List.of(
                        new WriteKeyView(null, "web", null, null, null),
                        new WriteKeyView(UUID.randomUUID(), "app", "wk_abcd…", Instant.EPOCH, null)));

        assertThat(mvc.get().uri("/settings").with(user("ada").roles("ADMIN")))
                .hasStatusOk()
                .bodyText()
                .contains("from the environment", "wk_abcd…", "Revoke", "••••1234", "https://api.novu.co")
                .doesNotContain("nv_secret_key_1234");
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
    void keepsEditorsOut() {
        assertThat(mvc.get().uri("/settings").with(user("eve").roles("EDITOR"))).hasStatus(403);
    }
}
