package dev.switchboard.admin.rules;

import static dev.switchboard.admin.rules.RuleFixtures.published;
import static dev.switchboard.admin.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.admin.NovuAccount;
import dev.switchboard.audit.EventLog;
import dev.switchboard.novu.NovuWorkflow;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleNotFoundException;
import dev.switchboard.rules.RuleProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@WebMvcTest(RuleBuilderController.class)
@Import({AdminSliceTestConfiguration.class, BuilderPage.class})
class RuleBuilderControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RuleCatalog catalog;

    @MockitoBean
    TrafficSuggestions traffic;

    @MockitoBean
    EventLog events;

    @MockitoBean
    UserDetailsService users;

    @MockitoBean
    NovuAccount novu;

    /** The builder form of the abandoned-cart rule as a browser posts it. */
    private MvcTestResult post(String uri, String op, String role, String... extra) {
        var request = mvc.post()
                .uri(uri)
                .param("_op", op)
                .param("key", "cart")
                .param("name", "Cart")
                .param("priority", "100")
                .param("_enabled", "on")
                .param("enabled", "true")
                .param("types", "track")
                .param("events[0]", "User Abandoned Cart")
                .param("all[0].kind", "test")
                .param("all[0].depth", "0")
                .param("all[0].path", "$.properties.cart_total")
                .param("all[0].op", "gte")
                .param("all[0].value", "20")
                .param("all[0].valueType", "number")
                .param("actions[0].type", "trigger")
                .param("actions[0].fields[0].name", "workflowId")
                .param("actions[0].fields[0].source", "text")
                .param("actions[0].fields[0].value", "abandoned-cart")
                .param("actions[0].fields[1].name", "to.subscriberId")
                .param("actions[0].fields[1].source", "path")
                .param("actions[0].fields[1].value", "$.userId");
        for (int i = 0; i < extra.length; i += 2) {
            request = request.param(extra[i], extra[i + 1]);
        }
        return request.with(user("eve").roles(role)).with(csrf()).exchange();
    }

    @Test
    void showsABlankBuilderWithSuggestionsFromTraffic() {
        given(traffic.eventNames()).willReturn(List.of("User Abandoned Cart"));
        given(traffic.paths(any())).willReturn(List.of("$.properties.cart_total"));

        var result =
                mvc.get().uri("/rules/new").with(user("eve").roles("EDITOR")).exchange();

        assertThat(result).hasStatusOk().hasViewName("admin/rules/builder");
        assertThat(result)
                .bodyText()
                .contains("<option value=\"User Abandoned Cart\">", "<option value=\"$.properties.cart_total\">")
                .contains("is at least")
                .doesNotContain("id=\"expression\"");
    }

    @Test
    void suggestsTheNovuAccountsWorkflowsWithThoseOfTheRules() {
        given(catalog.list()).willReturn(List.of(published("cart", rule("cart", "Checkout", 20))));
        given(novu.workflows()).willReturn(List.of(new NovuWorkflow("welcome", "Welcome")));

        assertThat(mvc.get().uri("/rules/new").with(user("eve").roles("EDITOR")))
                .bodyText()
                .contains("<datalist id=\"workflow-ids\"><option value=\"welcome\"></option>"
                        + "<option value=\"wf-cart\"></option></datalist>");
    }

    @Test
    void offersTheAdvancedExpressionToAdminsOnly() {
        assertThat(mvc.get().uri("/rules/new").with(user("ada").roles("ADMIN")))
                .bodyText()
                .contains("id=\"expression\"");
    }

    @Test
    void addsAConditionLineWithoutSaving() {
        var result = post("/rules/new", "addCondition:any", "EDITOR");

        assertThat(result).hasStatusOk().hasViewName("admin/rules/builder");
        assertThat(result).bodyText().contains("name=\"any[0].path\"", "value=\"$.properties.cart_total\"");
        verify(catalog, never()).create(any(), any(), anyBoolean());
    }

    @Test
    void createsAndPublishesTheRuleTheFormSays() {
        given(catalog.create(any(), eq("eve"), eq(true))).willAnswer(call -> published("cart", call.getArgument(0)));

        var result = post("/rules/new", "publish", "EDITOR");

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/rules/cart");
        ArgumentCaptor<JsonNode> saved = ArgumentCaptor.forClass(JsonNode.class);
        verify(catalog).create(saved.capture(), eq("eve"), eq(true));
        assertThat(saved.getValue().at("/when/all/0/value").asInt()).isEqualTo(20);
        assertThat(saved.getValue().at("/actions/0/to/subscriberId/@path").asString())
                .isEqualTo("$.userId");
    }

    @Test
    void showsCompilerProblemsNextToTheFieldThatCausedThem() throws Exception {
        given(catalog.create(any(), any(), anyBoolean()))
                .willThrow(InvalidRuleException.withProblems(List.of(
                        new RuleProblem("when.all[0].path", "not a valid JSONPath"),
                        new RuleProblem("actions[0].workflowId", "must not be empty"))));

        var result = post("/rules/new", "save", "EDITOR");

        assertThat(result).hasStatusOk().hasViewName("admin/rules/builder");
        String body = result.getResponse().getContentAsString();
        assertThat(body.indexOf("not a valid JSONPath"))
                .isGreaterThan(body.indexOf("name=\"all[0].path\""))
                .isLessThan(body.indexOf("id=\"conditions-any\""));
        assertThat(body.indexOf("must not be empty"))
                .isGreaterThan(body.indexOf("name=\"actions[0].fields[0].value\""));
    }

    @Test
    void refusesAnAdvancedExpressionFromAnEditor() {
        var result = post("/rules/new", "save", "EDITOR", "expression", "properties.size() > 1");

        assertThat(result).hasStatusOk().bodyText().contains("only admins may write advanced expressions");
        verify(catalog, never()).create(any(), any(), anyBoolean());
    }

    @Test
    void refusesAViewerWhoPostsTheBuilder() {
        assertThat(post("/rules/new", "save", "VIEWER")).hasStatus(403);
    }

    @Test
    void showsAViewerTheRuleReadOnly() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "User Abandoned Cart", 20)));

        var result =
                mvc.get().uri("/rules/cart").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result)
                .hasStatusOk()
                .bodyText()
                .contains("<fieldset class=\"plain\" disabled=\"disabled\">")
                .doesNotContain("id=\"publish\"", "id=\"delete-rule\"", "/rules/cart/delete");
    }

    @Test
    void offersAnEditorToDeleteTheRuleWithAConfirmationThatNamesIt() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "User Abandoned Cart", 20)));

        assertThat(mvc.get().uri("/rules/cart").with(user("eve").roles("EDITOR")))
                .hasStatusOk()
                .bodyText()
                .contains("id=\"delete-rule\"", "action=\"/rules/cart/delete\"", "id=\"confirm-delete\"")
                .containsPattern("Delete the rule &quot;[^&]+&quot; \\(cart\\)\\?");
    }

    @Test
    void savesAnEditAsADraft() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "User Abandoned Cart", 20)));
        given(catalog.saveDraft(eq("cart"), any(), eq("eve"), eq(false)))
                .willAnswer(call -> published("cart", call.getArgument(1)));

        var result = post("/rules/cart", "save", "EDITOR");

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/rules/cart");
        verify(catalog).saveDraft(eq("cart"), any(), eq("eve"), eq(false));
    }

    @Test
    void answersNotFoundForAnUnknownRule() {
        given(catalog.get("nope")).willThrow(RuleNotFoundException.forKey("nope"));

        assertThat(mvc.get().uri("/rules/nope").with(user("vic").roles("VIEWER")))
                .hasStatus(404)
                .hasViewName("error/404");
    }
}
