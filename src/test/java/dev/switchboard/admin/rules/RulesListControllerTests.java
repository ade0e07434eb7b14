package dev.switchboard.admin.rules;

import static dev.switchboard.admin.rules.RuleFixtures.published;
import static dev.switchboard.admin.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.rules.RuleCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

@WebMvcTest(RulesListController.class)
@Import(AdminSliceTestConfiguration.class)
class RulesListControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RuleCatalog catalog;

    @MockitoBean
    RuleFires fires;

    @MockitoBean
    UserDetailsService users;

    @BeforeEach
    void twoRules() {
        given(catalog.list())
                .willReturn(List.of(
                        published("cart", rule("cart", "User Abandoned Cart", 20)),
                        published("order", rule("order", "Order Completed", 0))));
        given(fires.since(any())).willReturn(Map.of("cart", 7L));
    }

    @Test
    void listsEveryRuleWithStatusEventsWorkflowsAndFires() {
        var result = mvc.get().uri("/rules").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result).hasStatusOk().hasViewName("admin/rules/list");
        assertThat(result)
                .model()
                .extractingByKey("rows")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(RuleRow.class))
                .extracting(RuleRow::key, RuleRow::fires24h, RuleRow::workflows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cart", 7L, List.of("wf-cart")),
                        org.assertj.core.groups.Tuple.tuple("order", 0L, List.of("wf-order")));
        assertThat(result).bodyText().doesNotContain("Set</button>", "Disable</button>");
    }

    @Test
    void searchesByNameEventOrWorkflow() {
        var result = mvc.get()
                .uri("/rules?q=order comp")
                .with(user("vic").roles("VIEWER"))
                .exchange();

        assertThat(result)
                .model()
                .extractingByKey("rows")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(RuleRow.class))
                .extracting(RuleRow::key)
                .containsExactly("order");
    }

    @Test
    void letsAnEditorDisableARule() {
        var result = mvc.post()
                .uri("/rules/cart/enabled")
                .param("enabled", "false")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/rules");
        assertThat(result).flash().containsKey("message");
        verify(catalog).setEnabled("cart", false, "eve");
    }

    @Test
    void refusesAViewerWhoTriesToDisableARule() {
        var result = mvc.post()
                .uri("/rules/cart/enabled")
                .param("enabled", "false")
                .with(user("vic").roles("VIEWER"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus(403);
        verify(catalog, never()).setEnabled(any(), eq(false), any());
    }

    @Test
    void letsAnEditorDeleteARuleAndSaysWhichOne() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "User Abandoned Cart", 20)));

        var result = mvc.post()
                .uri("/rules/cart/delete")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/rules");
        assertThat(result).flash().extractingByKey("message").asString().contains("Deleted the rule", "(cart)");
        verify(catalog).delete("cart", "eve");
    }

    @Test
    void refusesAViewerWhoTriesToDeleteARuleAndADeleteWithoutCsrf() {
        assertThat(mvc.post()
                        .uri("/rules/cart/delete")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
        assertThat(mvc.post().uri("/rules/cart/delete").with(user("eve").roles("EDITOR")))
                .hasStatus(403);
        verify(catalog, never()).delete(any(), any());
    }

    @Test
    void republishesALiveRuleWithItsNewPriority() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "User Abandoned Cart", 20)));

        var result = mvc.post()
                .uri("/rules/cart/priority")
                .param("priority", "5")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/rules");
        var definition = org.mockito.ArgumentCaptor.forClass(JsonNode.class);
        verify(catalog).saveDraft(eq("cart"), definition.capture(), eq("eve"), eq(true));
        assertThat(definition.getValue().get("priority").asInt()).isEqualTo(5);
    }

    @Test
    void refusesAPriorityThatIsNotANumber() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "User Abandoned Cart", 20)));

        var result = mvc.post()
                .uri("/rules/cart/priority")
                .param("priority", "first")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).flash().containsKey("error");
        verify(catalog, never()).saveDraft(any(), any(), any(), eq(true));
    }
}
