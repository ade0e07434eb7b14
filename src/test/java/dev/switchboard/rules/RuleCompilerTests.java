package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RuleCompilerTests {

    private static List<RuleProblem> problems(JsonNode rule) {
        try {
            TestRules.compiler().compile(rule, 1);
        } catch (InvalidRuleException e) {
            return e.problems();
        }
        throw new AssertionError("the rule compiled");
    }

    private static List<RuleProblem> problemsOf(String when) {
        return problems(TestRules.rule("r", when));
    }

    @Test
    void compilesAValidRuleWithItsKeyVersionAndActions() {
        CompiledRule rule = TestRules.compiler().compile(TestRules.rule("checkout", "{'type': ['track']}"), 7);
        assertThat(rule.key()).isEqualTo("checkout");
        assertThat(rule.version()).isEqualTo(7);
        assertThat(rule.priority()).isEqualTo(100);
        assertThat(rule.actions()).hasSize(1);
        assertThat(rule.definition().when().types()).containsExactly("track");
    }

    @Test
    void reportsEveryCompileProblemAtOnceWithItsLocation() {
        List<RuleProblem> problems = problemsOf("{'type': ['track', 'purchase'], 'event': [' '],"
                + " 'all': [{'path': 'properties.total', 'op': 'gt', 'value': 1},"
                + "   {'path': '$.a..', 'op': 'exists'},"
                + "   {'path': '$.a', 'op': 'matches', 'value': '(unclosed'}],"
                + " 'any': [{'not': {'path': '$.a', 'op': 'in', 'value': 'x'}},"
                + "   {'all': [{'path': '$.a', 'op': 'gt', 'value': 'soon'}, {'path': '$.a', 'op': 'exists', 'value': 1}]},"
                + "   {'path': '$.a', 'op': 'gte', 'value': 1, 'ignoreCase': true},"
                + "   {'path': '$.a', 'op': 'equals'}],"
                + " 'expression': 'new java.io.File(properties.x)'}");
        assertThat(problems)
                .extracting(RuleProblem::location)
                .containsExactly(
                        "when.type[1]",
                        "when.event[0]",
                        "when.all[0].path",
                        "when.all[1].path",
                        "when.all[2].value",
                        "when.any[0].not.value",
                        "when.any[1].all[0].value",
                        "when.any[1].all[1].value",
                        "when.any[2].ignoreCase",
                        "when.any[3].value",
                        "when.expression");
    }

    @Test
    void structuralAndCompileProblemsComeTogether() {
        JsonNode rule = TestRules.json("{'key': 'k', 'name': 'n', 'priority': 'high', 'when': {'all': ["
                + "{'path': '$.a', 'op': 'nope'}, {'path': '$.b', 'op': 'matches', 'value': '['}]},"
                + " 'actions': [{'type': 'trigger', 'problem': 'workflowId is required'}]}");
        assertThat(problems(rule))
                .extracting(RuleProblem::location, RuleProblem::message)
                .contains(
                        tuple("priority", "must be a whole number, not the string \"high\""),
                        tuple("actions[0].workflowId", "workflowId is required"))
                .extracting(t -> t.toList().get(0))
                .contains("when.all[0].op", "when.all[1].value");
    }

    @Test
    void valuesMustFitTheirOperator() {
        assertThat(problemsOf("{'all': [{'path': '$.a', 'op': 'in', 'value': [1, [2]]}]}"))
                .extracting(RuleProblem::location)
                .containsExactly("when.all[0].value[1]");
        assertThat(problemsOf("{'all': [{'path': '$.a', 'op': 'starts_with', 'value': 5}]}"))
                .extracting(RuleProblem::message)
                .containsExactly("must be a string");
        assertThat(problemsOf("{'all': [{'path': '$.a', 'op': 'equals', 'value': {'a': 1}}]}"))
                .hasSize(1);
        assertThat(problemsOf("{'all': [{'path': '$.a', 'op': 'contains', 'value': null}]}"))
                .hasSize(1);
        assertThat(problemsOf("{'all': [{'path': '$.a', 'op': 'lt', 'value': '50'}]}"))
                .extracting(RuleProblem::message)
                .containsExactly("must be a number or an ISO-8601 timestamp such as 2026-11-27T18:21:04Z");
        assertThat(problemsOf("{'all': [{'path': '$.a', 'op': 'is_true', 'ignoreCase': true}]}"))
                .extracting(RuleProblem::location)
                .containsExactly("when.all[0].ignoreCase");
    }

    @Test
    void aBadJsonPathIsReportedWithTheReason() {
        assertThat(problemsOf("{'all': [{'path': 'properties.total', 'op': 'exists'}]}"))
                .extracting(RuleProblem::message)
                .containsExactly("not a valid JSONPath: a path starts with $, as in $.properties.total");
    }

    @Test
    void aDefinitionCompilesAsWell() {
        RuleDefinition definition = RuleFormat.parse(TestRules.rule("stored", "{'event': ['Order *']}"));
        CompiledRule rule = TestRules.compiler().compile(definition, 3);
        assertThat(rule.definition()).isEqualTo(definition);
        assertThat(rule.evaluate(TestRules.message("track-order-completed"), false)
                        .matched())
                .isTrue();
    }
}
