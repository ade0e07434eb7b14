package dev.switchboard.admin.rules;

import static dev.switchboard.admin.rules.RuleFixtures.WHEN;
import static dev.switchboard.admin.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleStatus;
import dev.switchboard.rules.RuleVersionView;
import dev.switchboard.rules.RuleView;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(RuleHistoryController.class)
@Import(AdminSliceTestConfiguration.class)
class RuleHistoryControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RuleCatalog catalog;

    @MockitoBean
    UserDetailsService users;

    @BeforeEach
    void twoVersions() {
        var v1 = rule("cart", "User Abandoned Cart", 20);
        var v2 = rule("cart", "User Abandoned Cart", 50);
        given(catalog.get("cart"))
                .willReturn(
                        new RuleView("cart", "Rule cart", RuleStatus.PUBLISHED, 2, v2, null, WHEN, "ann", WHEN, "bob"));
        given(catalog.versions("cart"))
                .willReturn(List.of(
                        new RuleVersionView("cart", 2, WHEN, "bob", "published", v2),
                        new RuleVersionView("cart", 1, WHEN, "ann", "published", v1)));
    }

    @Test
    void showsEveryVersionWithWhoWhenAndWhatChanged() {
        var result = mvc.get()
                .uri("/rules/cart/history")
                .with(user("vic").roles("VIEWER"))
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .hasViewName("admin/rules/history")
                .bodyText()
                .contains("id=\"version-2\"", "id=\"version-1\"", "bob", "ann", "2026-11-28 09:00:00 UTC")
                .contains("<span class=\"removed\">-       &quot;value&quot; : 20</span>")
                .contains("<span class=\"added\">+       &quot;value&quot; : 50</span>")
                .doesNotContain("id=\"rollback-1\"");
    }

    @Test
    void offersEditorsARollBackToEarlierVersions() {
        assertThat(mvc.get().uri("/rules/cart/history").with(user("eve").roles("EDITOR")))
                .bodyText()
                .contains("id=\"rollback-1\"")
                .doesNotContain("id=\"rollback-2\"");
    }

    @Test
    void rollsBackAsANewVersion() {
        given(catalog.rollBack("cart", 1, "eve"))
                .willReturn(new RuleView(
                        "cart",
                        "Rule cart",
                        RuleStatus.PUBLISHED,
                        3,
                        rule("cart", "x", 20),
                        null,
                        WHEN,
                        "a",
                        WHEN,
                        "eve"));

        var result = mvc.post()
                .uri("/rules/cart/rollback")
                .param("version", "1")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/rules/cart/history");
        assertThat(result).flash().containsEntry("message", "Rolled back to version 1: it is live again as version 3.");
        verify(catalog).rollBack("cart", 1, "eve");
    }
}
