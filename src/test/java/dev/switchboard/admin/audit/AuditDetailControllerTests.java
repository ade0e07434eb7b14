package dev.switchboard.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.audit.EventDetail;
import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.EventSummary;
import dev.switchboard.dispatch.FailedDeliveries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(AuditDetailController.class)
@Import(AdminSliceTestConfiguration.class)
class AuditDetailControllerTests {

    static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    static final UUID EVENT = UUID.fromString("019ac9a0-0000-7000-8000-0000000000e1");
    static final UUID DEAD = UUID.fromString("019ac9a0-0000-7000-8000-0000000000d1");
    static final UUID DELIVERED = UUID.fromString("019ac9a0-0000-7000-8000-0000000000d2");
    static final String HOSTILE = "<script>alert(1)</script>";

    static final String TRACE = "{\"matched\":true,\"event\":{\"expected\":[\"Order Completed\"],"
            + "\"actual\":\"Order Completed\",\"holds\":true},\"all\":{\"group\":\"all\",\"holds\":true,\"children\":"
            + "[{\"path\":\"$.properties.total\",\"op\":\"gte\",\"expected\":20,\"ignoreCase\":false,"
            + "\"found\":[{\"value\":\"75\",\"type\":\"string\"}],\"holds\":true,"
            + "\"hints\":[\"value is the string \\\"75\\\" (compared as number)\"]}]}}";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    EventLog events;

    @MockitoBean
    FailedDeliveries retry;

    @MockitoBean
    UserDetailsService users;

    @BeforeEach
    void aRoutedMessage() {
        var summary = new EventSummary(
                EVENT, "web", "ajs-1", "track", "Order Completed", "jane", null, "routed", null, AT, AT);
        var decision = new EventDetail.Decision("order-receipt", 3, "matched", null, TRACE, AT);
        var failed = new EventDetail.Decision("broken", 1, "error", "path $.x[ is not valid", null, AT);
        var dead = delivery(
                DEAD,
                "dead",
                List.of(new EventDetail.Attempt(
                        1, AT.plusSeconds(1), 503, 42, "retryable", "{\"message\":\"down\"}", "HTTP 503")));
        var delivered = delivery(
                DELIVERED,
                "delivered",
                List.of(new EventDetail.Attempt(1, AT.plusSeconds(1), 201, 12, "delivered", "{}", null)));
        given(events.get(EVENT))
                .willReturn(Optional.of(new EventDetail(
                        summary,
                        "{\"type\":\"track\",\"properties\":{\"note\":\"" + HOSTILE + "\"}}",
                        List.of(failed, decision),
                        List.of(dead, delivered))));
    }

    static EventDetail.Delivery delivery(UUID id, String status, List<EventDetail.Attempt> attempts) {
        return new EventDetail.Delivery(
                id,
                "order-receipt",
                3,
                0,
                "trigger",
                "jane",
                status,
                new EventDetail.Request(
                        "POST",
                        "/v1/events/trigger",
                        "{\"name\":\"receipt\",\"to\":{\"subscriberId\":\"jane\"}}",
                        "sb-tx-" + status,
                        "sb-trigger-" + status),
                AT,
                AT,
                AT.plusSeconds(2),
                attempts.get(0).httpStatus(),
                "dead".equals(status) ? "gave up after 1 attempts: HTTP 503" : null,
                "delivered".equals(status) ? "novu-tx-1" : null,
                "delivered".equals(status) ? "https://dashboard.novu.co/activity-feed?transactionId=novu-tx-1" : null,
                new java.util.ArrayList<>(attempts));
    }

    @Test
    void sendsAnonymousVisitorsToTheLoginPage() {
        assertThat(mvc.get().uri("/audit/" + EVENT))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .endsWith("/login");
    }

    @Test
    void showsTheWholeChainAsATimeline() throws Exception {
        var result = mvc.get()
                .uri("/audit/" + EVENT)
                .with(user("vic").roles("VIEWER"))
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .hasViewName("admin/audit/detail")
                .bodyText()
                .contains("id=\"received\"", "ajs-1", "2026-11-28 09:00:00 UTC", "id=\"event-status\">routed<")
                .contains("id=\"decision-order-receipt\"", "href=\"/rules/order-receipt\"", "version 3")
                .contains("$.properties.total is at least 20", "75 (string)")
                .contains("value is the string &quot;75&quot; (compared as number)")
                .contains("id=\"decision-broken\"", "path $.x[ is not valid")
                .contains("id=\"delivery-" + DEAD + "\"", "POST /v1/events/trigger", "sb-tx-dead")
                .contains("<code class=\"workflow\">receipt</code>")
                .contains("&quot;name&quot; : &quot;receipt&quot;")
                .contains(
                        "id=\"attempt-" + DEAD + "-1\"", "HTTP 503", "42 ms", "{&quot;message&quot;:&quot;down&quot;}")
                .contains("gave up after 1 attempts: HTTP 503")
                .contains("novu-tx-1", "href=\"https://dashboard.novu.co/activity-feed?transactionId=novu-tx-1\"")
                .contains("<details id=\"message-json\">")
                .doesNotContain("id=\"retry-", "class=\"flash ok\"");
        String body = result.getResponse().getContentAsString();
        assertThat(body.indexOf("id=\"received\"")).isLessThan(body.indexOf("id=\"decision-broken\""));
        assertThat(body.indexOf("id=\"decision-order-receipt\"")).isLessThan(body.indexOf("id=\"delivery-"));
    }

    @Test
    void rendersAScriptInAPropertyAsEscapedText() {
        assertThat(mvc.get().uri("/audit/" + EVENT).with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("&quot;note&quot; : &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;")
                .doesNotContain(HOSTILE);
    }

    @Test
    void offersEditorsARetryOfTheDeadDeliveryOnly() {
        assertThat(mvc.get().uri("/audit/" + EVENT).with(user("eve").roles("EDITOR")))
                .bodyText()
                .contains("id=\"retry-" + DEAD + "\"", "action=\"/audit/" + EVENT + "/deliveries/" + DEAD + "/retry\"")
                .contains("name=\"_csrf\"")
                .doesNotContain("id=\"retry-" + DELIVERED + "\"");
    }

    @Test
    void queuesTheDeliveryAgainAndSaysSo() {
        given(retry.retry(List.of(DEAD))).willReturn(1);

        var result = mvc.post()
                .uri("/audit/" + EVENT + "/deliveries/" + DEAD + "/retry")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/audit/" + EVENT);
        assertThat(result)
                .flash()
                .containsEntry("message", "Queued again: the delivery will be sent with the same transactionId.");
        verify(retry).retry(List.of(DEAD));
    }

    @Test
    void saysWhenADeliveryCannotBeSentAgain() {
        given(retry.retry(List.of(DELIVERED))).willReturn(0);

        var result = mvc.post()
                .uri("/audit/" + EVENT + "/deliveries/" + DELIVERED + "/retry")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .flash()
                .containsEntry("error", "Not sent again: only dead or failed deliveries can be retried.");
    }

    @Test
    void retriesNoDeliveryOfAnotherMessage() {
        var result = mvc.post()
                .uri("/audit/" + EVENT + "/deliveries/" + UUID.randomUUID() + "/retry")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).flash().containsEntry("error", "This message has no such delivery.");
        verifyNoInteractions(retry);
    }

    @Test
    void letsNoViewerRetry() {
        assertThat(mvc.post()
                        .uri("/audit/" + EVENT + "/deliveries/" + DEAD + "/retry")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        verifyNoInteractions(retry);
    }

    @Test
    void answersAnUnknownOrMalformedIdWithTheNotFoundPage() {
        given(events.get(any())).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/audit/" + UUID.randomUUID()).with(user("vic").roles("VIEWER")))
                .hasStatus(404)
                .hasViewName("error/404");
        assertThat(mvc.get().uri("/audit/not-an-id").with(user("vic").roles("VIEWER")))
                .hasStatus(404)
                .hasViewName("error/404");
    }
}
