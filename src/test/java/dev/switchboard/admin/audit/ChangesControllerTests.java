package dev.switchboard.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.audit.ChangeLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(ChangesController.class)
@Import(AdminSliceTestConfiguration.class)
class ChangesControllerTests {

    static final Instant AT = Instant.parse("2026-11-28T09:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ChangeLog changes;

    @MockitoBean
    UserDetailsService users;

    static ChangeLog.Change change(int minute, String kind, String subject, String action, String diff) {
        return new ChangeLog.Change(AT.plusSeconds(60L * minute), "maria", kind, subject, action, JSON.readTree(diff));
    }

    @Test
    void sendsAnonymousVisitorsToTheLoginPage() {
        assertThat(mvc.get().uri("/audit/changes"))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .endsWith("/login");
    }

    @Test
    void showsViewersWhoChangedWhatAndTheDiff() {
        given(changes.find(isNull(), isNull(), isNull(), anyInt()))
                .willReturn(List.of(
                        change(
                                2,
                                "rule",
                                "cart v2",
                                "published",
                                "[{\"path\":\"/when/all/0/value\",\"before\":20,\"after\":50}]"),
                        change(1, "privacy", "jane", "purge_user", "{\"messages\":5,\"deliveries\":2}")));

        assertThat(mvc.get().uri("/audit/changes").with(user("vic").roles("VIEWER")))
                .hasStatusOk()
                .hasViewName("admin/audit/changes")
                .bodyText()
                .contains("2026-11-28 09:02:00 UTC", "maria", "cart v2", "published")
                .contains("href=\"/rules/cart/history\"")
                .contains("<code>/when/all/0/value</code>", "<del>20</del>", "<ins>50</ins>")
                .contains("purge_user", "<code>messages</code>", "<ins>5</ins>")
                .doesNotContain("id=\"older\"", "id=\"newer\"");
    }

    @Test
    void filtersByKindAndPagesBackwards() {
        List<ChangeLog.Change> many = new ArrayList<>();
        for (int i = 200; i > 0; i--) {
            many.add(change(i, "rule", "r" + i, "draft_saved", "[]"));
        }
        given(changes.find("rule", null, null, 101)).willReturn(many.subList(0, 101));

        var result = mvc.get()
                .uri("/audit/changes?kind=rule&page=2")
                .with(user("vic").roles("VIEWER"))
                .exchange();

        verify(changes).find("rule", null, null, 101);
        assertThat(result)
                .bodyText()
                .contains("<option value=\"rule\" selected=\"selected\">rules</option>")
                .contains(">r150<", ">r101<")
                .doesNotContain(">r151<", ">r100<")
                .contains("id=\"newer\" href=\"/audit/changes?kind=rule&amp;page=1\"")
                .contains("id=\"older\" href=\"/audit/changes?kind=rule&amp;page=3\"");
    }

    @Test
    void showsEveryKindWhenTheKindIsUnknown() {
        given(changes.find(isNull(), isNull(), isNull(), anyInt())).willReturn(List.of());

        assertThat(mvc.get().uri("/audit/changes?kind=bogus").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("Unknown kind: showing every kind.", "No change recorded.");
    }
}
