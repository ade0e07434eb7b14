package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RuleFormatTests {

    private static final String FULL = "{'key': 'abandoned-cart-recovery', 'name': 'Abandoned cart recovery',"
            + " 'description': 'Email shoppers', 'enabled': false, 'priority': 5, 'stopProcessing': true,"
            + " 'when': {'type': ['track'], 'event': ['User Abandoned Cart', 'Checkout *'],"
            + "   'all': [{'path': '$.properties.environment', 'op': 'equals', 'value': 'production'},"
            + "           {'not': {'path': '$.properties.cart_total', 'op': 'lt', 'value': 20}}],"
            + "   'any': [{'any': [{'path': '$.userId', 'op': 'exists'}]},"
            + "           {'path': '$.context.traits.email', 'op': 'ends_with', 'value': '@HI.COM', 'ignoreCase': true}],"
            + "   'expression': 'properties.cart_total > 20'},"
            + " 'actions': [{'type': 'trigger', 'workflowId': {'@path': '$.properties.name'},"
            + "   'payload': {'discountCode': 'COMEBACK10'}}]}";

    @Test
    void readsEveryFieldOfARule() {
        RuleDefinition rule = RuleFormat.parse(TestRules.json(FULL));
        assertThat(rule.key()).isEqualTo("abandoned-cart-recovery");
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.priority()).isEqualTo(5);
        assertThat(rule.stopProcessing()).isTrue();
        assertThat(rule.when().events()).containsExactly("User Abandoned Cart", "Checkout *");
        assertThat(rule.when().all()).hasSize(2).element(1).isInstanceOf(Condition.Not.class);
        assertThat(rule.when().expression()).isEqualTo("properties.cart_total > 20");
        assertThat(rule.actions().get(0).get("workflowId").get("@path").asString())
                .isEqualTo("$.properties.name");
    }

    @Test
    void appliesDefaultsForOptionalFields() {
        RuleDefinition rule = RuleFormat.parse(TestRules.rule("minimal", "{}"));
        assertThat(rule.description()).isEmpty();
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.priority()).isEqualTo(100);
        assertThat(rule.stopProcessing()).isFalse();
        assertThat(rule.when()).isEqualTo(MatchSpec.EVERY_MESSAGE);
    }

    @Test
    void exportWritesEveryFieldInFormatOrderWithDefaults() {
        JsonNode exported = RuleFormat.toJson(RuleFormat.parse(TestRules.rule("minimal", "{}")));
        assertThat(exported.propertyNames())
                .containsExactly(
                        "key", "name", "description", "enabled", "priority", "stopProcessing", "when", "actions");
        assertThat(exported.get("when").propertyNames()).containsExactly("type", "event", "all", "any", "expression");
        assertThat(exported.get("priority").intValue()).isEqualTo(100);
        assertThat(exported.get("enabled").booleanValue()).isTrue();
        assertThat(exported.get("when").get("expression").isNull()).isTrue();
    }

    @Test
    void exportThenImportGivesTheSameRule() {
        RuleDefinition original = RuleFormat.parse(TestRules.json(FULL));
        JsonNode exported = RuleFormat.toJson(original);
        RuleDefinition reimported = RuleFormat.parse(exported);
        assertThat(reimported).isEqualTo(original);
        assertThat(RuleFormat.toJson(reimported)).isEqualTo(exported);
        assertThat(exported.get("actions")).isEqualTo(TestRules.json(FULL).get("actions"));
    }

    @Test
    void definitionsCannotBeChangedThroughTheirJson() {
        JsonNode json = TestRules.json(FULL);
        RuleDefinition rule = RuleFormat.parse(json);
        ((tools.jackson.databind.node.ObjectNode) json.get("actions").get(0)).put("workflowId", "changed");
        ((tools.jackson.databind.node.ObjectNode) rule.actions().get(0)).put("workflowId", "changed");
        assertThat(rule.actions().get(0).get("workflowId").isObject()).isTrue();
    }

    @Test
    void reportsEveryStructuralProblemAtOnceWithItsLocation() {
        JsonNode bad = TestRules.json("{'key': 'Bad Key!', 'priority': 'high', 'enabled': 'yes', 'colour': 'red',"
                + " 'when': {'type': 'track', 'all': [{'path': '$.a', 'op': 'equals', 'value': 1},"
                + "   {'path': '$.b', 'op': 'eq', 'value': 1}, {'path': '$.c', 'op': 'exists', 'ignorecase': true},"
                + "   {'all': [{'path': '$.d', 'op': 'exists'}], 'any': []}],"
                + "   'any': [{'any': [{'op': 'exists'}, {'path': 5, 'op': 'exists'}, {'path': '$.e', 'op': 'wat'}]}],"
                + "   'expression': 42, 'when': 1},"
                + " 'actions': []}");
        assertThatExceptionOfType(InvalidRuleException.class)
                .isThrownBy(() -> RuleFormat.parse(bad))
                .satisfies(e -> assertThat(e.problems())
                        .extracting(RuleProblem::location)
                        .containsExactlyInAnyOrder(
                                "colour",
                                "key",
                                "name",
                                "enabled",
                                "priority",
                                "when.when",
                                "when.all[1].op",
                                "when.all[2].ignorecase",
                                "when.all[3]",
                                "when.any[0].any[0].path",
                                "when.any[0].any[1].path",
                                "when.any[0].any[2].op",
                                "when.expression",
                                "when.type",
                                "actions"));
    }

    @Test
    void explainsWrongTypesInWords() {
        JsonNode bad = TestRules.json("{'key': 'k', 'name': 'n', 'priority': 'high', 'when': {}, 'actions': [{}]}");
        assertThatExceptionOfType(InvalidRuleException.class)
                .isThrownBy(() -> RuleFormat.parse(bad))
                .satisfies(e -> assertThat(e.problems())
                        .extracting(RuleProblem::location, RuleProblem::message)
                        .containsExactly(tuple("priority", "must be a whole number, not the string \"high\"")));
    }

    @Test
    void refusesMissingRequiredFields() {
        assertThatExceptionOfType(InvalidRuleException.class)
                .isThrownBy(() -> RuleFormat.parse(TestRules.json("{}")))
                .satisfies(e -> assertThat(e.problems())
                        .extracting(RuleProblem::location)
                        .containsExactly("key", "name", "when", "actions"));
        assertThatExceptionOfType(InvalidRuleException.class)
                .isThrownBy(() -> RuleFormat.parse(TestRules.json("[]")))
                .satisfies(e -> assertThat(e.problems()).hasSize(1));
    }

    @Test
    void acceptsKeysOfTheAllowedShapeOnly() {
        assertThat(RuleFormat.parse(TestRules.rule("a", "{}")).key()).isEqualTo("a");
        assertThat(RuleFormat.parse(TestRules.rule("0-rule-" + "x".repeat(56), "{}"))
                        .key())
                .hasSize(63);
        for (String key : new String[] {"-start", "Upper", "with space", "x".repeat(64), ""}) {
            assertThatExceptionOfType(InvalidRuleException.class)
                    .as(key)
                    .isThrownBy(() -> RuleFormat.parse(TestRules.rule(key, "{}")));
        }
    }

    @Test
    void aFileHoldsOneRuleOrAListOfRules() {
        List<RuleFormat.LocatedRule> single = RuleFormat.rulesIn(TestRules.rule("one", "{}"));
        assertThat(single).extracting(RuleFormat.LocatedRule::location).containsExactly("");
        JsonNode file =
                TestRules.json("{'rules': [" + TestRules.rule("a", "{}") + ", " + TestRules.rule("b", "{}") + "]}");
        List<RuleFormat.LocatedRule> many = RuleFormat.rulesIn(file);
        assertThat(many).extracting(RuleFormat.LocatedRule::location).containsExactly("rules[0]", "rules[1]");
        assertThat(RuleFormat.parse(many.get(1).json()).key()).isEqualTo("b");
        assertThatExceptionOfType(InvalidRuleException.class)
                .isThrownBy(() -> RuleFormat.rulesIn(TestRules.json("{'rules': {}}")));
    }

    @Test
    void problemsOfARuleInAFileAreLocatedInsideTheFile() {
        RuleProblem problem = new RuleProblem("when.all[0].op", "unknown operator");
        assertThat(problem.under("rules[3]").location()).isEqualTo("rules[3].when.all[0].op");
        assertThat(problem.under("").location()).isEqualTo("when.all[0].op");
    }
}
