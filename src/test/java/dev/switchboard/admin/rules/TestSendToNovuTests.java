package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.novu.NovuAlerts;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.support.FakeNovu;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The test send through the real Novu client to a server that answers like Novu: the bytes that arrive. */
@WebMvcTest(TestSendController.class)
@Import({AdminSliceTestConfiguration.class, NovuClient.class, NovuAlerts.class, TestSendToNovuTests.Meters.class})
class TestSendToNovuTests {

    private static final FakeNovu NOVU = FakeNovu.start();
    private static final String BODY =
            "{\"name\":\"abandoned-cart\",\"to\":{\"subscriberId\":\"u-1\"},\"payload\":{\"total\":75},\"transactionId\":\"sb-t-1\"}";

    @TestConfiguration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    @DynamicPropertySource
    static void novu(DynamicPropertyRegistry properties) {
        properties.add("switchboard.novu.base-url", NOVU::baseUrl);
        properties.add("switchboard.novu.api-key", () -> FakeNovu.API_KEY);
    }

    @AfterAll
    static void stop() {
        NOVU.close();
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    UserDetailsService users;

    @Test
    void sendsTheTrialsRequestByteForByteAndShowsTheTransactionId() {
        var result = mvc.post()
                .uri("/rules/try/send")
                .param("novuRule", "cart")
                .param("novuMethod", "POST")
                .param("novuPath", "/v1/events/trigger")
                .param("novuBody", BODY)
                .param("novuIdempotencyKey", "sb-trigger-k1")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatusOk().bodyText().contains("201", "delivered", "processed", "sb-t-1");
        var received = NOVU.received("POST", "/v1/events/trigger");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).isEqualTo(BODY);
        assertThat(received.get(0).idempotencyKey()).isEqualTo("sb-trigger-k1");
        assertThat(NOVU.violations()).isEmpty();
    }
}
