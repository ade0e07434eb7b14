package dev.switchboard.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.EventQuery;
import dev.switchboard.audit.EventSummary;
import dev.switchboard.audit.SearchTooBroadException;
import dev.switchboard.audit.UserDataPurge;
import dev.switchboard.rules.RuleCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(AuditListController.class)
@Import(AdminSliceTestConfiguration.class)
class AuditListControllerTests {

    static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    static final UUID NEWER = UUID.fromString("019ac9a0-0000-7000-8000-000000000002");
    static final UUID OLDER = UUID.fromString("019ac9a0-0000-7000-8000-000000000001");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    EventLog events;

    @MockitoBean
    RuleCatalog rules;

    @MockitoBean
    UserDataPurge purge;

    @MockitoBean
    UserDetailsService users;

    @BeforeEach
    void twoMessages() {
        given(events.search(any()))
                .willReturn(new EventLog.Page(
                        List.of(
                                summary(NEWER, "Order Completed", "jane", "routed", AT.plusSeconds(60)),
                                summary(OLDER, "Signed Up", null, "no_match", AT)),
                        "next-cursor"));
        given(events.matchedRules(anyCollection())).willReturn(Map.of(NEWER, List.of("order-receipt", "vip")));
    }

    static EventSummary summary(UUID id, String event, String user, String status, Instant at) {
        return new EventSummary(id, "web", "m-" + id, "track", event, user, "anon-1", status, null, at, at);
    }

    @Test
    void sendsAnonymousVisitorsToTheLoginPage() {
        assertThat(mvc.get().uri("/audit"))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .endsWith("/login");
    }

    @Test
    void showsViewersTheMessagesNewestFirstEachLinkingToItsChain() throws Exception {
        var result = mvc.get().uri("/audit").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result).hasStatusOk().hasViewName("admin/audit/list");
        String body = result.getResponse().getContentAsString();
        assertThat(body)
                .contains("href=\"/audit/" + NEWER + "\"", "href=\"/audit/" + OLDER + "\"")
                .contains("2026-11-28 09:01:00 UTC", "Order Completed", "jane", "2</span>:")
                .contains("order-receipt, vip")
                .contains("<label for=\"from\">From (UTC)</label>", "Times are in UTC")
                .doesNotContain("id=\"purge-user\"");
        assertThat(body.indexOf("Order Completed")).isLessThan(body.indexOf("Signed Up"));
        assertThat(body).contains("href=\"/audit?cursor=next-cursor\" id=\"older\"");
    }

    @Test
    void keepsEveryFilterInTheUrlAndTheOlderLink() {
        var result = mvc.get()
                .uri("/audit?userId=jane&event=Order Completed&type=track&rule=vip&status=dead"
                        + "&from=2026-11-01T00:00&to=2026-11-28T10:30:15&q=c-99120")
                .with(user("vic").roles("VIEWER"))
                .exchange();

        ArgumentCaptor<EventQuery> query = ArgumentCaptor.forClass(EventQuery.class);
        verify(events).search(query.capture());
        assertThat(query.getValue())
                .extracting(
                        EventQuery::userId,
                        EventQuery::event,
                        EventQuery::type,
                        EventQuery::rule,
                        EventQuery::status,
                        EventQuery::q,
                        EventQuery::from,
                        EventQuery::to)
                .containsExactly(
                        "jane",
                        "Order Completed",
                        "track",
                        "vip",
                        "dead",
                        "c-99120",
                        Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-28T10:30:15Z"));
        assertThat(result)
                .bodyText()
                .contains("id=\"userId\" name=\"userId\" value=\"jane\"")
                .contains("value=\"2026-11-01T00:00\"")
                .contains("<option value=\"dead\" selected=\"selected\">dead</option>")
                .contains("href=\"/audit?userId=jane&amp;event=Order%20Completed&amp;type=track&amp;rule=vip"
                        + "&amp;status=dead&amp;from=2026-11-01T00:00&amp;to=2026-11-28T10:30:15&amp;q=c-99120"
                        + "&amp;cursor=next-cursor\"");
    }

    @Test
    void showsABadDateOrAnUnknownStatusNextToItsFieldInsteadOfSearching() {
        var result = mvc.get()
                .uri("/audit?from=yesterday&status=lost&to=2026-11-28T10:00")
                .with(user("vic").roles("VIEWER"))
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .bodyText()
                .contains("id=\"from-error\"", "Enter a date and time such as 2026-11-28T09:30 (UTC).")
                .contains("id=\"status-error\"", "Choose one of the listed states.")
                .contains("aria-describedby=\"from-error\"")
                .doesNotContain("id=\"no-events\"", "id=\"events\"");
        verify(events, never()).search(any());
    }

    @Test
    void rendersAScriptInAnEventNameAsText() {
        given(events.search(any()))
                .willReturn(new EventLog.Page(
                        List.of(summary(NEWER, "<script>alert('x')</script>", "mallory", "routed", AT)), null));

        assertThat(mvc.get().uri("/audit").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert");
    }

    @Test
    void saysNextToTheTextFieldWhenASearchRanTooLong() {
        given(events.search(any())).willThrow(new SearchTooBroadException(Duration.ofSeconds(15)));

        assertThat(mvc.get().uri("/audit?q=c-99120").with(user("vic").roles("VIEWER")))
                .hasStatusOk()
                .bodyText()
                .contains("id=\"q-error\"", "This search ran longer than 15 s and was stopped.")
                .contains("aria-describedby=\"q-error\"")
                .doesNotContain("id=\"no-events\"", "id=\"events\"");
    }

    @Test
    void saysWhenNothingMatches() {
        given(events.search(any())).willReturn(new EventLog.Page(List.of(), null));

        assertThat(mvc.get().uri("/audit?userId=nobody").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("id=\"no-events\"", "No message matches these filters.")
                .doesNotContain("id=\"older\"");
    }

    @Test
    void offersAdminsTheDeletionOfThePersonTheyFilterBy() {
        assertThat(mvc.get().uri("/audit?userId=jane").with(user("ada").roles("ADMIN")))
                .bodyText()
                .contains("id=\"purge-user\" href=\"/audit/purge-user?userId=jane\"");
        assertThat(mvc.get().uri("/audit?userId=jane").with(user("eve").roles("EDITOR")))
                .bodyText()
                .doesNotContain("purge-user");
    }

    @Test
    void asksAnAdminToConfirmThenPurgesAndSaysWhatWasDeleted() {
        assertThat(mvc.get()
                        .uri("/audit/purge-user?userId=jane")
                        .with(user("ada").roles("ADMIN")))
                .hasStatusOk()
                .bodyText()
                .contains("id=\"purge-subject\">jane<", "name=\"_csrf\"", "id=\"confirm-purge\"");
        verifyNoInteractions(purge);
        given(purge.purge("jane", "ada"))
                .willReturn(Map.of("deliveries", 2, "attempts", 3, "decisions", 4, "messages", 5));

        var result = mvc.post()
                .uri("/audit/purge-user")
                .param("userId", "jane")
                .with(user("ada").roles("ADMIN"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/audit?userId=jane");
        assertThat(result)
                .flash()
                .containsEntry(
                        "message",
                        "Deleted the stored data of jane: 5 messages, 2 deliveries. The deletion is recorded in"
                                + " the changes.");
        verify(purge).purge("jane", "ada");
    }

    @Test
    void letsNoEditorOrViewerPurge() {
        assertThat(mvc.get()
                        .uri("/audit/purge-user?userId=jane")
                        .with(user("eve").roles("EDITOR")))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/audit/purge-user")
                        .param("userId", "jane")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/audit/purge-user")
                        .param("userId", "jane")
                        .with(user("ada").roles("ADMIN")))
                .hasStatus(403);
        verifyNoInteractions(purge);
    }
}
