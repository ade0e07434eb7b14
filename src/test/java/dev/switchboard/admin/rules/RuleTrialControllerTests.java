package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.audit.EventLog;
import dev.switchboard.rules.Explanation;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleProblem;
import dev.switchboard.simulation.Backtest;
import dev.switchboard.simulation.BacktestResult;
import dev.switchboard.simulation.RuleTrial;
import dev.switchboard.simulation.TrialResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.node.JsonNodeFactory;

@WebMvcTest(RuleTrialController.class)
@Import(AdminSliceTestConfiguration.class)
class RuleTrialControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RuleTrial trial;

    @MockitoBean
    Backtest backtest;

    @MockitoBean
    EventLog events;

    @MockitoBean
    RuleCatalog catalog;

    @MockitoBean
    UserDetailsService users;

    private static Explanation explanation(boolean holds, Object actual, String hint) {
        var path = new Explanation.PathTrace(
                "$.properties.cart_total",
                "gte",
                JsonNodeFactory.instance.numberNode(20),
                false,
                List.of(new Explanation.FoundValue(actual, "string")),
                holds,
                List.of(hint));
        return new Explanation(holds, null, null, new Explanation.GroupTrace("all", holds, List.of(path)), null, null);
    }

    @Test
    void explainsEachConditionWithTheActualValueAndItsTypeAndShowsTheNovuRequest() {
        var body = JsonNodeFactory.instance.objectNode().put("name", "abandoned-cart");
        given(trial.run(any(), any()))
                .willReturn(new TrialResult(
                        "m-1",
                        List.of(new TrialResult.Matched(
                                "cart",
                                0,
                                explanation(true, "75", "value is the string \"75\" (compared as number)"),
                                List.of(new TrialResult.Request(
                                        "trigger", "POST", "/v1/events/trigger", body, "sb-1", "idem-1", null)),
                                List.of(),
                                List.of())),
                        List.of(),
                        null));

        var result = mvc.post()
                .uri("/rules/try/test")
                .param("key", "cart")
                .param("name", "Cart")
                .param("testSource", "paste")
                .param("testJson", "{\"type\": \"track\", \"properties\": {\"cart_total\": \"75\"}}")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .bodyText()
                .contains("Matched", "$.properties.cart_total is at least 20", "75 (string)")
                .contains("compared as number", "POST /v1/events/trigger", "abandoned-cart")
                .contains("Send this test to Novu", "hx-post=\"/rules/try/send/confirm\"", "disabled")
                .contains("&quot;novuIdempotencyKey&quot;:&quot;idem-1&quot;", "&quot;novuRule&quot;:&quot;cart&quot;")
                .contains("Dry run: no API key");
        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.captor();
        verify(trial).run(message.capture(), any());
        assertThat(message.getValue()).containsEntry("type", "track");
    }

    @Test
    void explainsTheMatchWhileTheActionsAreIncomplete() {
        given(trial.run(any(), any()))
                .willThrow(InvalidRuleException.withProblems(
                        List.of(new RuleProblem("rules[0].actions[0].workflowId", "is required for trigger"))))
                .willReturn(new TrialResult(
                        "m-1",
                        List.of(),
                        List.of(new TrialResult.NotMatched(
                                "unsaved-rule", 0, "not_matched", null, explanation(false, "5", "x"))),
                        null));

        var result = mvc.post()
                .uri("/rules/try/test")
                .param("testSource", "paste")
                .param("testJson", "{\"type\": \"track\"}")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .bodyText()
                .contains("actions[0].workflowId", "is required for trigger", "Not matched", "5 (string)")
                .contains("complete the actions to see the exact Novu requests");
    }

    @Test
    void showsAScriptInAMessageAsText() {
        given(trial.run(any(), any()))
                .willReturn(new TrialResult(
                        "m-1",
                        List.of(),
                        List.of(new TrialResult.NotMatched(
                                "cart", 0, "not_matched", null, explanation(false, "<script>alert(1)</script>", "x"))),
                        null));

        var result = mvc.post()
                .uri("/rules/try/test")
                .param("testSource", "paste")
                .param("testJson", "{\"properties\": {\"cart_total\": \"<script>alert(1)</script>\"}}")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .bodyText()
                .contains("Not matched", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void testsAStoredMessage() {
        UUID id = UUID.randomUUID();
        given(events.get(id))
                .willReturn(java.util.Optional.of(new dev.switchboard.audit.EventDetail(
                        null, "{\"type\": \"track\", \"event\": \"Stored\"}", List.of(), List.of())));
        given(trial.run(any(), any())).willReturn(new TrialResult("m", List.of(), List.of(), null));

        mvc.post()
                .uri("/rules/try/test")
                .param("testSource", "stored")
                .param("testEventId", id.toString())
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        ArgumentCaptor<Map<String, Object>> message = ArgumentCaptor.captor();
        verify(trial).run(message.capture(), any());
        assertThat(message.getValue()).containsEntry("event", "Stored");
    }

    @Test
    void saysWhyPastedTextIsNotAMessage() {
        assertThat(mvc.post()
                        .uri("/rules/try/test")
                        .param("testSource", "paste")
                        .param("testJson", "[1, 2]")
                        .with(user("eve").roles("EDITOR"))
                        .with(csrf()))
                .bodyText()
                .contains("must be a Segment message as a JSON object");
    }

    @Test
    void backtestsOverTheChosenWindowAndShowsWhatWouldStartOrStop() {
        var example = new BacktestResult.Example(
                UUID.randomUUID(),
                "msg-1",
                "track",
                "User Abandoned Cart",
                "u-1",
                Instant.parse("2026-11-27T10:00:00Z"));
        var fires = new BacktestResult.Tally(12, 9, List.of(example));
        given(backtest.run(any(), any(), any(), eq(5)))
                .willReturn(new BacktestResult(
                        Instant.EPOCH,
                        Instant.EPOCH,
                        40,
                        false,
                        fires,
                        3,
                        new BacktestResult.Tally(10, 8, List.of()),
                        new BacktestResult.Tally(2, 1, List.of(example)),
                        new BacktestResult.Tally(0, 0, List.of())));

        var result = mvc.post()
                .uri("/rules/try/backtest")
                .param("key", "cart")
                .param("window", "30d")
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatusOk().bodyText().contains("40", "12", "9", "Would start firing (2)", "msg-1");
        ArgumentCaptor<Instant> from = ArgumentCaptor.forClass(Instant.class);
        ArgumentCaptor<Instant> to = ArgumentCaptor.forClass(Instant.class);
        verify(backtest).run(any(), from.capture(), to.capture(), eq(5));
        assertThat(java.time.Duration.between(from.getValue(), to.getValue())).hasDays(30);
    }

    @Test
    void checksTheAdvancedExpressionAsItIsTyped() {
        given(catalog.compile(any()))
                .willThrow(InvalidRuleException.withProblems(
                        List.of(new RuleProblem("when.expression", "refused at 3: new is not allowed"))));

        assertThat(mvc.post()
                        .uri("/rules/try/expression")
                        .param("expression", "new java.io.File('x')")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .hasStatusOk()
                .bodyText()
                .contains("refused at 3: new is not allowed");
    }

    @Test
    void refusesAViewerWhoTriesToTest() {
        assertThat(mvc.post()
                        .uri("/rules/try/test")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
    }
}
