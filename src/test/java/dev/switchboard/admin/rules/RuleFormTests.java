package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.RuleFormat;
import dev.switchboard.rules.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RuleFormTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("rules-examples"))
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    private static JsonNode canonical(JsonNode rule) {
        return RuleFormat.toJson(RuleFormat.parse(rule));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void expressesEveryExampleRuleExactly(Path file) throws IOException {
        JsonNode rule = canonical(JSON.readTree(Files.readString(file)));

        RuleForm form = RuleForm.from(rule);

        assertThat(form.toJson()).isEqualTo(rule);
        assertThat(form.expresses(rule)).isTrue();
    }

    @Test
    void keepsNestedAllAnyAndNotGroupsThroughTheFlatRows() {
        JsonNode rule = canonical(json("{'key': 'k', 'name': 'n', 'when': {'all': ["
                + "{'path': '$.a', 'op': 'equals', 'value': 'x', 'ignoreCase': true},"
                + "{'any': [{'path': '$.b', 'op': 'gte', 'value': 2}, {'not': {'path': '$.c', 'op': 'exists'}}]},"
                + "{'not': {'all': [{'path': '$.d', 'op': 'in', 'value': ['p', 'q']}, {'path': '$.e', 'op': 'is_true'}]}}"
                + "], 'any': [{'path': '$.f', 'op': 'equals', 'value': {'x': 1}}]},"
                + "'actions': [{'type': 'trigger', 'workflowId': 'w'}]}"));

        RuleForm form = RuleForm.from(rule);

        assertThat(form.getAll())
                .extracting(ConditionRow::getKind, ConditionRow::getDepth)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("test", 0),
                        org.assertj.core.groups.Tuple.tuple("any", 0),
                        org.assertj.core.groups.Tuple.tuple("test", 1),
                        org.assertj.core.groups.Tuple.tuple("not", 1),
                        org.assertj.core.groups.Tuple.tuple("test", 2),
                        org.assertj.core.groups.Tuple.tuple("not", 0),
                        org.assertj.core.groups.Tuple.tuple("all", 1),
                        org.assertj.core.groups.Tuple.tuple("test", 2),
                        org.assertj.core.groups.Tuple.tuple("test", 2));
        assertThat(form.toJson()).isEqualTo(rule);
        assertThat(form.getAll())
                .extracting(ConditionRow::getLocation)
                .containsExactly(
                        "when.all[0]",
                        "when.all[1]",
                        "when.all[1].any[0]",
                        "when.all[1].any[1]",
                        "when.all[1].any[1].not",
                        "when.all[2]",
                        "when.all[2].not",
                        "when.all[2].not.all[0]",
                        "when.all[2].not.all[1]");
        assertThat(form.getAny().get(0).getValueType()).isEqualTo("json");
    }

    @Test
    void buildsTheAbandonedCartRuleFromFormFields() {
        RuleForm form = RuleForm.blank();
        form.setKey("cart");
        form.setName("Cart");
        form.getEvents().set(0, "User Abandoned Cart");
        form.getAll().add(ConditionRow.test(0, "$.properties.cart_total", "gte", "20", "number", false));
        form.getAll().add(ConditionRow.test(0, "", "equals", "", "text", false));
        form.getActions().get(0).getFields().get(0).setValue("abandoned-cart");
        form.getActions().get(0).getFields().get(4).setName("payload.greeting");
        form.getActions().get(0).getFields().get(4).setSource("template");
        form.getActions().get(0).getFields().get(4).setValue("Hi {{context.traits.firstName}}");

        JsonNode rule = form.toJson();

        assertThat(rule.at("/when/all"))
                .isEqualTo(json("[{'path': '$.properties.cart_total', 'op': 'gte', 'value': 20}]"));
        assertThat(rule.at("/actions/0"))
                .isEqualTo(json("{'type': 'trigger', 'workflowId': 'abandoned-cart',"
                        + " 'to': {'subscriberId': {'@path': '$.userId'}, 'email': {'@path': '$.context.traits.email'},"
                        + " 'firstName': {'@path': '$.context.traits.firstName'}},"
                        + " 'payload': {'greeting': {'@template': 'Hi {{context.traits.firstName}}'}}}"));
        assertThat(canonical(rule)).isEqualTo(rule);
    }

    @Test
    void reportsValuesTheFormCannotTurnIntoJsonAtTheirLine() {
        RuleForm form = RuleForm.blank();
        form.setPriority("first");
        form.getAll().add(ConditionRow.test(0, "$.properties.total", "gt", "lots", "number", false));
        form.getActions().get(0).getFields().get(4).setName("payload.items");
        form.getActions().get(0).getFields().get(4).setSource("json");
        form.getActions().get(0).getFields().get(4).setValue("[1, 2");
        List<RuleProblem> problems = new ArrayList<>();

        form.toJson(problems);

        assertThat(problems)
                .extracting(RuleProblem::location)
                .containsExactly("priority", "when.all[0].value", "actions[0].payload.items");
    }

    @Test
    void saysWhenItCannotExpressARule() {
        // Only a blank action field is left out of the JSON, so a blank text literal in a condition cannot be typed.
        JsonNode rule = canonical(json("{'key': 'k', 'name': 'n', 'when': {'all': [{'path': '$.a', 'op': 'equals',"
                + " 'value': null}]}, 'actions': [{'type': 'trigger', 'workflowId': 'w'}]}"));

        assertThat(RuleForm.from(rule).expresses(rule)).isFalse();
    }
}
