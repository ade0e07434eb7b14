package dev.switchboard.admin.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.dispatch.DeliveryGroup;
import dev.switchboard.dispatch.DeliveryQuery;
import dev.switchboard.dispatch.DeliverySummary;
import dev.switchboard.dispatch.FailedDeliveries;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(FailedDeliveriesController.class)
@Import(AdminSliceTestConfiguration.class)
class FailedDeliveriesControllerTests {

    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");
    private static final UUID ID = UUID.fromString("0193c0de-0000-7000-8000-000000000001");
    private static final UUID EVENT = UUID.fromString("0193c0de-0000-7000-8000-0000000000e1");
    private static final String REASON = "gave up after 5 attempts: HTTP 503: {\"message\":\"down\"} & more";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    FailedDeliveries deliveries;

    @MockitoBean
    UserDetailsService users;

    private void oneDeadDelivery() {
        given(deliveries.count(any())).willReturn(1L);
        given(deliveries.groups(any(), anyInt()))
                .willReturn(
                        List.of(new DeliveryGroup("abandoned-cart", "dead", REASON, 503, 7, AT, AT.plusSeconds(3600))));
        given(deliveries.find(any(), anyLong(), anyInt()))
                .willReturn(List.of(new DeliverySummary(
                        ID,
                        EVENT,
                        "m-1",
                        "abandoned-cart",
                        2,
                        "trigger",
                        "<b>jane</b>",
                        "dead",
                        5,
                        AT,
                        AT.plusSeconds(60),
                        503,
                        REASON,
                        true)));
    }

    @Test
    void sendsAnonymousPeopleToTheLoginPage() {
        assertThat(mvc.get().uri("/deliveries"))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .endsWith("/login");
    }

    @Test
    void showsTheGroupsAndTheListToAViewerWithoutRetryButtons() {
        oneDeadDelivery();

        var result =
                mvc.get().uri("/deliveries").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result).hasStatusOk().hasViewName("admin/deliveries/list");
        assertThat(result)
                .bodyText()
                .contains("id=\"groups\"", "abandoned-cart", "HTTP 503", "Show the 7 deliveries")
                .contains("2026-11-28 08:00:00 UTC", "2026-11-28 09:00:00 UTC")
                .contains("{&quot;message&quot;:&quot;down&quot;} &amp; more")
                .contains("abandoned-cart v2", "href=\"/audit/" + EVENT + "\"", "&lt;b&gt;jane&lt;/b&gt;")
                .doesNotContain("<b>jane</b>", "id=\"retry-selected\"", "id=\"retry-" + ID, "name=\"ids\"");
        then(deliveries).should().groups(new DeliveryQuery(null, null, null, null, null), 100);
    }

    @Test
    void refusesAViewerEveryRetry() {
        assertThat(mvc.post()
                        .uri("/deliveries/{id}/retry", ID)
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/deliveries/retry")
                        .param("ids", ID.toString())
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/deliveries/retry-matching")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        then(deliveries).should(never()).retry(any());
        then(deliveries).should(never()).retryMatching(any());
    }

    @Test
    void refusesARetryWithoutTheCsrfToken() {
        assertThat(mvc.post().uri("/deliveries/{id}/retry", ID).with(user("eve").roles("EDITOR")))
                .hasStatus(403);
        then(deliveries).should(never()).retry(any());
    }

    @Test
    void offersAnEditorCheckboxesAndRetryButtons() {
        oneDeadDelivery();

        assertThat(mvc.get().uri("/deliveries").with(user("eve").roles("EDITOR")))
                .bodyText()
                .contains("name=\"ids\" value=\"" + ID + "\"", "id=\"retry-" + ID + "\"")
                .contains("formaction=\"/deliveries/" + ID + "/retry\"", "id=\"retry-selected\"")
                .contains("name=\"_csrf\"", "href=\"/deliveries/confirm\"")
                .contains("<label for=\"select-" + ID + "\"");
    }

    @Test
    void retriesOneAndComesBackToTheSameFilterSayingHowManyWereQueued() {
        given(deliveries.retry(List.of(ID))).willReturn(1);

        var result = mvc.post()
                .uri("/deliveries/{id}/retry", ID)
                .param("rule", "abandoned-cart")
                .param("status", "dead")
                .param("reason", REASON)
                .param("from", "")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .hasStatus3xxRedirection()
                .hasRedirectedUrl("/deliveries?rule=abandoned-cart&status=dead&reason="
                        + "gave+up+after+5+attempts%3A+HTTP+503%3A+%7B%22message%22%3A%22down%22%7D+%26+more");
        assertThat(result).flash().containsEntry("message", "1 delivery was queued to be sent again.");
    }

    @Test
    void retriesTheSelection() {
        UUID other = UUID.fromString("0193c0de-0000-7000-8000-000000000002");
        given(deliveries.retry(List.of(ID, other))).willReturn(2);

        var result = mvc.post()
                .uri("/deliveries/retry")
                .param("ids", ID.toString(), other.toString())
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/deliveries");
        assertThat(result).flash().containsEntry("message", "2 deliveries were queued to be sent again.");
    }

    @Test
    void saysSoWhenNothingWasSelectedOrNothingCouldBeQueued() {
        assertThat(mvc.post()
                        .uri("/deliveries/retry")
                        .with(user("eve").roles("EDITOR"))
                        .with(csrf()))
                .flash()
                .containsEntry("error", "Select at least one delivery to retry.");
        given(deliveries.retry(List.of(ID))).willReturn(0);
        assertThat(mvc.post()
                        .uri("/deliveries/{id}/retry", ID)
                        .with(user("eve").roles("EDITOR"))
                        .with(csrf()))
                .flash()
                .containsEntry("error", "Nothing was queued: only failed and dead deliveries can be sent again.");
    }

    @Test
    void asksBeforeRetryingEverythingMatchingAndStatesTheCount() {
        DeliveryQuery query = new DeliveryQuery("dead", "abandoned-cart", null, null, null);
        given(deliveries.countRetryable(query)).willReturn(42L);

        var result = mvc.get()
                .uri("/deliveries/confirm?rule=abandoned-cart&status=dead")
                .with(user("eve").roles("EDITOR"))
                .exchange();

        assertThat(result).hasStatusOk().hasViewName("admin/deliveries/confirm");
        assertThat(result)
                .bodyText()
                .contains("This sends 42 failed or dead deliveries matching this filter to Novu again.")
                .contains("Send all 42 again", "action=\"/deliveries/retry-matching\"")
                .contains("name=\"rule\" value=\"abandoned-cart\"", "name=\"status\" value=\"dead\"");
    }

    @Test
    void retriesEverythingMatchingTheFilter() {
        DeliveryQuery query =
                new DeliveryQuery("dead", "abandoned-cart", REASON, Instant.parse("2026-11-01T10:00:00Z"), null);
        given(deliveries.retryMatching(query)).willReturn(42);

        var result = mvc.post()
                .uri("/deliveries/retry-matching")
                .param("rule", "abandoned-cart")
                .param("status", "dead")
                .param("reason", REASON)
                .param("from", "2026-11-01T10:00")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection();
        assertThat(result).flash().containsEntry("message", "42 deliveries were queued to be sent again.");
        then(deliveries).should().retryMatching(query);
    }

    @Test
    void keepsTheFilterInTheFormAndTheLinks() {
        oneDeadDelivery();
        given(deliveries.count(any())).willReturn(120L);

        var result = mvc.get()
                .uri("/deliveries?rule=abandoned-cart&status=retrying&reason=timeout&from=2026-11-01T10:00&to=nonsense"
                        + "&page=1")
                .with(user("vic").roles("VIEWER"))
                .exchange();

        then(deliveries)
                .should()
                .find(
                        new DeliveryQuery(
                                "retrying", "abandoned-cart", "timeout", Instant.parse("2026-11-01T10:00:00Z"), null),
                        50,
                        50);
        assertThat(result)
                .bodyText()
                .contains("id=\"f-rule\" name=\"rule\" value=\"abandoned-cart\"")
                .contains("<option value=\"retrying\" selected=\"selected\">")
                .contains("id=\"f-reason\" name=\"reason\" value=\"timeout\"")
                .contains("id=\"f-from\" name=\"from\" type=\"datetime-local\" value=\"2026-11-01T10:00\"")
                .contains("Not a date and time", "51–100 of 120", "Page 2")
                .contains("href=\"/deliveries?rule=abandoned-cart&amp;status=retrying&amp;reason=timeout"
                        + "&amp;from=2026-11-01T10%3A00&amp;to=nonsense\"")
                .contains("page=2\"");
    }

    @Test
    void saysSoWhenNothingMatches() {
        var result =
                mvc.get().uri("/deliveries").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result)
                .bodyText()
                .contains("id=\"empty\"", "No delivery matches this filter")
                .doesNotContain("id=\"deliveries\"");
    }
}
