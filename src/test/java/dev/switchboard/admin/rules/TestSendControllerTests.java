package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuRequest;
import dev.switchboard.novu.NovuResult;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

@WebMvcTest(TestSendController.class)
@ExtendWith(OutputCaptureExtension.class)
@Import(AdminSliceTestConfiguration.class)
@TestPropertySource(
        properties = {
            "switchboard.novu.api-key=secret-key-never-shown",
            "switchboard.novu.base-url=https://eu.api.novu.co"
        })
class TestSendControllerTests {

    private static final String BODY =
            "{\"name\":\"abandoned-cart\",\"to\":{\"subscriberId\":\"u-1\"},\"transactionId\":\"sb-1\"}";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    NovuClient client;

    @MockitoBean
    UserDetailsService users;

    private MockMvcRequestBuilder post(String uri, String path) {
        return mvc.post()
                .uri(uri)
                .param("novuRule", "cart")
                .param("novuMethod", "POST")
                .param("novuPath", path)
                .param("novuBody", BODY)
                .param("novuIdempotencyKey", "sb-idem-1");
    }

    @Test
    void confirmsExactlyWhatWillBeSentWhereBeforeSendingAnything() {
        var result = post("/rules/try/send/confirm", "/v1/events/trigger")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .bodyText()
                .contains("POST https://eu.api.novu.co/v1/events/trigger", "sb-idem-1", "&quot;abandoned-cart&quot;")
                .contains("hx-post=\"/rules/try/send\"", "Send to Novu now")
                .doesNotContain("secret-key-never-shown");
        verifyNoInteractions(client);
    }

    @Test
    void sendsTheExactRequestAndShowsNovusAnswer(CapturedOutput output) {
        given(client.send(any()))
                .willReturn(new NovuResult(
                        NovuResult.Outcome.DELIVERED,
                        201,
                        "processed",
                        null,
                        "sb-1",
                        "{\"data\":{\"status\":\"processed\"}}",
                        null,
                        Duration.ofMillis(40)));

        var result = post("/rules/try/send", "/v1/events/trigger")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatusOk().bodyText().contains("Novu answered", "201", "delivered", "processed", "sb-1");
        verify(client).send(new NovuRequest("POST", "/v1/events/trigger", BODY, "sb-idem-1"));
        assertThat(output)
                .contains("eve sent a test of rule cart to Novu: POST /v1/events/trigger (Idempotency-Key sb-idem-1)")
                .doesNotContain("secret-key-never-shown")
                .doesNotContain("u-1");
    }

    @Test
    void showsWhyNovuRefused() {
        given(client.send(any()))
                .willReturn(new NovuResult(
                        NovuResult.Outcome.PERMANENT,
                        422,
                        "workflow_not_found: abandoned-cart",
                        null,
                        null,
                        null,
                        null,
                        Duration.ofMillis(40)));

        assertThat(post("/rules/try/send", "/v1/events/trigger")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .bodyText()
                .contains("422", "permanent", "workflow_not_found: abandoned-cart");
    }

    @Test
    void sendsOnlyTheCallsActionsMake() {
        assertThat(post("/rules/try/send", "/v2/environments")
                        .with(user("eve").roles("EDITOR"))
                        .with(csrf()))
                .bodyText()
                .contains("Only the calls a rule");
        verifyNoInteractions(client);
    }

    @Test
    void refusesViewersAndRequestsWithoutTheCsrfToken() {
        assertThat(post("/rules/try/send/confirm", "/v1/events/trigger")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(post("/rules/try/send", "/v1/events/trigger")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(post("/rules/try/send", "/v1/events/trigger")
                        .with(user("eve").roles("EDITOR")))
                .hasStatus(403);
        verifyNoInteractions(client);
    }

    @Nested
    @TestPropertySource(properties = "switchboard.novu.api-key=")
    class InDryRun {

        @Test
        void sendsNothingAndSaysWhy() {
            assertThat(post("/rules/try/send", "/v1/events/trigger")
                            .with(user("eve").roles("EDITOR"))
                            .with(csrf()))
                    .bodyText()
                    .contains("Dry run: no API key");
            verifyNoInteractions(client);
        }
    }
}
