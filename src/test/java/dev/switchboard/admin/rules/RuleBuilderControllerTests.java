package dev.switchboard.admin.rules;

import static dev.switchboard.admin.rules.RuleFixtures.published;
import static dev.switchboard.admin.rules.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.admin.NovuAccount;
import dev.switchboard.admin.StatsCharts;
import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.RuleStats;
import dev.switchboard.novu.NovuWorkflow;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleNotFoundException;
import dev.switchboard.rules.RuleProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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
@Import({AdminSliceTestConfiguration.class, BuilderPage.class, StatsCharts.class})
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

    @MockitoBean
    RuleStats stats;

    @BeforeEach
    void quietStatistics() {
        given(stats.series(any(), any(), any(), any()))
                .willAnswer(call -> new RuleStats.Series(
                        call.getArgument(0),
                        call.getArgument(1) == ChronoUnit.HOURS ? "hour" : "day",
                        call.getArgument(2),
                        call.getArgument(3),
                        NO_FIGURES,
                        List.of()));
    }

    private static final RuleStats.Figures NO_FIGURES = new RuleStats.Figures(0, 0, 0, 0, 0, null, null);

    @Test
    void showsTheRulesLast7DaysAsAChartWithItsNumbersInATable() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "Cart", 20)));
        Instant day = Instant.parse("2026-11-27T00:00:00Z");
        given(stats.series(eq("cart"), eq(ChronoUnit.DAYS), any(), any()))
                .willReturn(new RuleStats.Series(
                        "cart",
                        "day",
                        day,
                        day.plusSeconds(86_400),
                        new RuleStats.Figures(12, 9, 1, 2, 0, 230L, 900L),
                        List.of(new RuleStats.Bucket(day, new RuleStats.Figures(12, 9, 1, 2, 0, 230L, 900L)))));

        var result =
                mvc.get().uri("/rules/cart").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyText()
                .contains(
                        "id=\"rule-chart\"",
                        "data-chart=\"{&quot;unit&quot;:&quot;day&quot;,&quot;t&quot;:[1795737600]")
                .contains("&quot;matched&quot;:[12]", "&quot;dead&quot;:[2]", "&quot;median&quot;:[230]")
                .contains("&quot;p99&quot;:[900]")
                .contains("<caption class=\"visually-hidden\">This rule, the last 7 days per day (UTC)</caption>")
                .contains("<th scope=\"row\">2026-11-27</th>", "<td>12</td>", "<td>900</td>")
                .contains("In total: 12 matched, 9 delivered, 1 failed, 2 dead; median latency 230 ms, p99 900 ms.")
                .containsPattern("src=\"/webjars/uplot/[0-9.]+/dist/uPlot.iife.min.js\"")
                .contains("/js/charts.js")
                .contains("id=\"stats-day\" aria-current=\"page\"");
    }

    @Test
    void switchesTheChartToTheLast24HoursPerHour() {
        given(catalog.get("cart")).willReturn(published("cart", rule("cart", "Cart", 20)));

        assertThat(mvc.get().uri("/rules/cart?stats=hour").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("This rule, the last 24 hours per hour (UTC)", "aria-current=\"page\">24 hours, per hour</a>")
                .contains("none yet");
        then(stats).should().series(eq("cart"), eq(ChronoUnit.HOURS), any(), any());
    }

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
