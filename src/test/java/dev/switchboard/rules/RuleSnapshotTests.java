package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mapping.ActionOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RuleSnapshotTests {

    private static final Map<String, Object> ORDER = TestRules.message("track-order-completed");

    private static CompiledRule rule(String key, int priority, boolean stop, String when) {
        ObjectNode json = (ObjectNode) TestRules.rule(key, when);
        json.put("priority", priority);
        json.put("stopProcessing", stop);
        return TestRules.compiler().compile(json, 1);
    }

    private static CompiledRule rule(String key, int priority, String when) {
        return rule(key, priority, false, when);
    }

    private static List<String> keys(Evaluation evaluation) {
        return evaluation.outcomes().stream().map(RuleOutcome::ruleKey).toList();
    }

    @Test
    void evaluatesByPriorityThenKey() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("zeta", 100, "{}"), rule("alpha", 100, "{}"), rule("first", 1, "{}"), rule("mid", 50, "{}")));
        assertThat(snapshot.rules()).extracting(CompiledRule::key).containsExactly("first", "mid", "alpha", "zeta");
        assertThat(keys(snapshot.evaluate(ORDER, false))).containsExactly("first", "mid", "alpha", "zeta");
    }

    @Test
    void stopProcessingEndsEvaluationAfterAMatch() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("a-no-match-stopper", 1, true, "{'event': ['Never']}"),
                rule("b-stopper", 2, true, "{'event': ['Order *']}"),
                rule("c-after", 3, "{}")));
        Evaluation evaluation = snapshot.evaluate(ORDER, false);
        assertThat(keys(evaluation)).containsExactly("b-stopper");
        assertThat(evaluation.stoppedBy()).isEqualTo("b-stopper");
        assertThat(evaluation.matched()).extracting(RuleOutcome::ruleKey).containsExactly("b-stopper");
    }

    @Test
    void aStopperThatDoesNotMatchLetsEvaluationGoOn() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("stopper", 1, true, "{'type': ['track'], 'event': ['Product *']}"), rule("after", 2, "{}")));
        Evaluation evaluation = snapshot.evaluate(ORDER, false);
        assertThat(evaluation.matched()).extracting(RuleOutcome::ruleKey).containsExactly("after");
        assertThat(evaluation.stoppedBy()).isNull();
    }

    @Test
    void aRuleThatFailsDoesNotStopTheOthers() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("broken", 1, "{'expression': 'properties.currency.substring(10) == \\\"x\\\"'}"),
                rule("fine", 2, "{'event': ['Order Completed']}")));
        Evaluation evaluation = snapshot.evaluate(ORDER, false);
        assertThat(evaluation.outcomes())
                .extracting(RuleOutcome::ruleKey, RuleOutcome::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("broken", RuleOutcome.Status.ERROR),
                        org.assertj.core.groups.Tuple.tuple("fine", RuleOutcome.Status.MATCHED));
        assertThat(evaluation.outcomes().get(0).error()).isNotBlank();
        assertThat(snapshot.evaluate(ORDER, true).outcomes().get(0).status()).isEqualTo(RuleOutcome.Status.ERROR);
    }

    @Test
    void liveSnapshotsLeaveDisabledRulesOutButDraftSnapshotsKeepThem() {
        ObjectNode json = (ObjectNode) TestRules.rule("draft", "{}");
        json.put("enabled", false);
        CompiledRule draft = TestRules.compiler().compile(json, 2);
        assertThat(RuleSnapshot.live(List.of(draft)).evaluate(ORDER, false).outcomes())
                .isEmpty();
        assertThat(RuleSnapshot.of(List.of(draft)).evaluate(ORDER, false).matched())
                .extracting(RuleOutcome::ruleKey, RuleOutcome::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("draft", 2));
    }

    @Test
    void aMessageOnlyMeetsRulesThatCouldMatchIt() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("order-exact", 5, "{'event': ['Order Completed']}"),
                rule("checkout-exact", 1, "{'event': ['Checkout Started']}"),
                rule("identify-only", 2, "{'type': ['identify']}"),
                rule("track-only", 3, "{'type': ['track']}"),
                rule("glob", 4, "{'event': ['Order*']}"),
                rule("every", 6, "{}")));
        assertThat(keys(snapshot.evaluate(ORDER, false))).containsExactly("track-only", "glob", "order-exact", "every");
        assertThat(keys(snapshot.evaluate(TestRules.message("identify"), false)))
                .containsExactly("identify-only", "glob", "every");
        assertThat(snapshot.evaluate(TestRules.message("identify"), false).matched())
                .extracting(RuleOutcome::ruleKey)
                .containsExactly("identify-only", "every");
    }

    @Test
    void aNamedMessageOnlyMeetsTheGlobsItsNameStartsLike() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("order-glob", 1, "{'event': ['Order *']}"),
                rule("checkout-glob", 2, "{'event': ['Checkout *']}"),
                rule("mixed", 3, "{'event': ['Checkout *', 'Order Completed']}"),
                rule("mixed-glob", 4, "{'event': ['Product *', 'Ord*ted']}"),
                rule("ends-with", 5, "{'event': ['*Completed']}"),
                rule("ends-with-other", 6, "{'event': ['*Started']}"),
                rule("longer-than-name", 7, "{'event': ['Order Completed and more*']}")));
        assertThat(keys(snapshot.evaluate(ORDER, false)))
                .containsExactly("order-glob", "mixed", "mixed-glob", "ends-with", "ends-with-other");
        assertThat(snapshot.evaluate(ORDER, false).matched())
                .extracting(RuleOutcome::ruleKey)
                .containsExactly("order-glob", "mixed", "mixed-glob", "ends-with");
        assertThat(keys(snapshot.evaluate(TestRules.message("track-checkout-started"), false)))
                .containsExactly("checkout-glob", "mixed", "ends-with", "ends-with-other");
    }

    @Test
    void pageAndScreenRulesAreFoundByName() {
        RuleSnapshot snapshot = RuleSnapshot.live(List.of(
                rule("pricing", 1, "{'type': ['page'], 'event': ['Pricing']}"),
                rule("home", 1, "{'event': ['Home']}")));
        assertThat(snapshot.evaluate(TestRules.message("page"), false).matched())
                .extracting(RuleOutcome::ruleKey)
                .containsExactly("pricing");
        assertThat(snapshot.evaluate(TestRules.message("screen"), false).matched())
                .extracting(RuleOutcome::ruleKey)
                .containsExactly("home");
    }

    @Test
    void aMatchedRuleRendersEveryActionInOrder() {
        JsonNode json = TestRules.json("{'key': 'two-actions', 'name': 'n', 'when': {},"
                + " 'actions': [{'type': 'trigger'}, {'type': 'trigger', 'fail': true}, {'type': 'trigger'}]}");
        CompiledRule rule = TestRules.compiler().compile(json, 1);
        RuleOutcome outcome = RuleSnapshot.live(List.of(rule))
                .evaluate(ORDER, false)
                .outcomes()
                .get(0);
        assertThat(outcome.actions()).hasSize(3);
        assertThat(outcome.actions().get(0))
                .isInstanceOfSatisfying(
                        ActionOutcome.NovuCall.class,
                        call -> assertThat(call.transactionId()).isEqualTo("two-actions-0-ajs-next-2a1e"));
        assertThat(outcome.actions().get(1))
                .isInstanceOfSatisfying(
                        ActionOutcome.Invalid.class,
                        invalid -> assertThat(invalid.reason()).contains("boom"));
        assertThat(outcome.actions().get(2))
                .isInstanceOfSatisfying(
                        ActionOutcome.NovuCall.class,
                        call -> assertThat(call.transactionId()).isEqualTo("two-actions-2-ajs-next-2a1e"));
    }

    @Test
    void unmatchedRulesRenderNothingAndLeanModeHasNoTrace() {
        Evaluation evaluation = RuleSnapshot.live(List.of(
                        rule("never", 1, "{'type': ['track'], 'event': ['X']}"), rule("t", 2, "{'type': ['track']}")))
                .evaluate(ORDER, false);
        assertThat(evaluation.outcomes()).allSatisfy(o -> assertThat(o.trace()).isNull());
        assertThat(evaluation.outcomes()).extracting(RuleOutcome::ruleKey).containsExactly("t");
        RuleOutcome unmatched = rule("t2", 1, "{'type': ['identify']}").evaluate(ORDER, false);
        assertThat(unmatched.status()).isEqualTo(RuleOutcome.Status.NOT_MATCHED);
        assertThat(unmatched.actions()).isEmpty();
    }

    @Test
    void evaluationDoesNotChangeTheMessage() {
        Map<String, Object> message = TestRules.message("track-order-completed");
        RuleSnapshot.live(List.of(rule(
                        "all",
                        1,
                        "{'all': [{'path': '$.properties.products[*].sku', 'op': 'exists'}],"
                                + " 'expression': 'properties.products.size() > 0'}")))
                .evaluate(message, true);
        assertThat(message).isEqualTo(TestRules.message("track-order-completed"));
    }

    @Test
    void aRegularExpressionThatBacktracksForeverIsStoppedByItsBudget() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        var compiler = new RuleCompiler(new TestRules.StubActions(), MvelSettings.ON, () -> now.addAndGet(1_000_000L));
        CompiledRule catastrophic = compiler.compile(
                TestRules.rule(
                        "redos", "{'all': [{'path': '$.properties.text', 'op': 'matches', 'value': '(.*a){12}'}]}"),
                1);
        CompiledRule after = compiler.compile(TestRules.rule("z-after", "{}"), 1);
        Map<String, Object> message = TestRules.message("track-order-completed");
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) message.get("properties");
        properties.put("text", "a".repeat(30) + "b");
        Evaluation evaluation = RuleSnapshot.live(List.of(catastrophic, after)).evaluate(message, false);
        assertThat(evaluation.outcomes().get(0).status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(evaluation.outcomes().get(0).error()).contains("time budget");
        assertThat(evaluation.outcomes().get(1).matched()).isTrue();
    }
}
