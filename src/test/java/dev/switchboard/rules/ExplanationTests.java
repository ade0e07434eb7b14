package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.Explanation.FoundValue;
import dev.switchboard.rules.Explanation.GroupTrace;
import dev.switchboard.rules.Explanation.PathTrace;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExplanationTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cartWithTotal(Object total) {
        Map<String, Object> message = TestRules.message("track-user-abandoned-cart");
        ((Map<String, Object>) message.get("properties")).put("cart_total", total);
        return message;
    }

    private static Explanation explain(String when, Map<String, Object> message) {
        RuleOutcome outcome = TestRules.compile("r", when).evaluate(message, true);
        assertThat(outcome.trace()).isNotNull();
        return outcome.trace();
    }

    private static PathTrace firstPath(Explanation trace) {
        return (PathTrace) trace.all().children().get(0);
    }

    @Test
    void showsTheValueItsTypeTheOperatorAndTheVerdict() {
        Explanation trace = explain(
                "{'all': [{'path': '$.properties.cart_total', 'op': 'gte', 'value': 20}]}",
                TestRules.message("track-user-abandoned-cart"));
        PathTrace path = firstPath(trace);
        assertThat(path.path()).isEqualTo("$.properties.cart_total");
        assertThat(path.op()).isEqualTo("gte");
        assertThat(path.expected().intValue()).isEqualTo(20);
        assertThat(path.found()).containsExactly(new FoundValue(114.9, "number"));
        assertThat(path.holds()).isTrue();
        assertThat(path.hints()).isEmpty();
        assertThat(trace.matched()).isTrue();
    }

    @Test
    void hintsThatANumberSentAsTextWasComparedAsNumber() {
        PathTrace path = firstPath(explain(
                "{'all': [{'path': '$.properties.cart_total', 'op': 'gte', 'value': 50}]}", cartWithTotal("75")));
        assertThat(path.found()).containsExactly(new FoundValue("75", "string"));
        assertThat(path.hints()).containsExactly("value is the string \"75\" (compared as number)");
        assertThat(path.holds()).isTrue();
    }

    @Test
    void hintsAtAbsentNullAndMistypedValues() {
        Map<String, Object> message = cartWithTotal("lots");
        Explanation trace = explain(
                "{'all': [{'path': '$.properties.coupon', 'op': 'equals', 'value': 'X'},"
                        + " {'path': '$.properties.cart_total', 'op': 'gt', 'value': 1},"
                        + " {'path': '$.properties.cart_id', 'op': 'lt', 'value': '2026-01-01T00:00:00Z'},"
                        + " {'path': '$.properties.products', 'op': 'starts_with', 'value': 'x'}]}",
                message);
        assertThat(trace.all().children())
                .extracting(c -> ((PathTrace) c).hints())
                .containsExactly(
                        java.util.List.of("path not present"),
                        java.util.List.of("value is the string \"lots\", not a number"),
                        java.util.List.of("value \"c-99120\" is not an ISO-8601 timestamp"),
                        java.util.List.of("value is an array, not a string"));
        message.put("userId", null);
        PathTrace nullValue =
                firstPath(explain("{'all': [{'path': '$.userId', 'op': 'equals', 'value': 'u'}]}", message));
        assertThat(nullValue.found()).containsExactly(new FoundValue(null, "null"));
        assertThat(nullValue.hints()).containsExactly("value is null");
    }

    @Test
    void explainsEveryValueOfAMultiValuePath() {
        PathTrace path = firstPath(explain(
                "{'all': [{'path': '$.properties.products[*].category', 'op': 'not_in', 'value': ['Shoes']}]}",
                TestRules.message("track-order-completed")));
        assertThat(path.found()).extracting(FoundValue::value).containsExactly("Shoes", "Accessories");
        assertThat(path.holds()).isFalse();
        assertThat(path.hints()).containsExactly("path selected 2 values; holds when none of them matches");
    }

    @Test
    void explainsGroupsFiltersAndTheExpressionWithoutShortCircuit() {
        Explanation trace = explain(
                "{'type': ['identify'], 'event': ['Order *'],"
                        + " 'all': [{'not': {'any': [{'path': '$.properties.currency', 'op': 'equals', 'value': 'EUR'}]}}],"
                        + " 'any': [{'path': '$.properties.total', 'op': 'gt', 'value': 1}],"
                        + " 'expression': 'properties.total > 100'}",
                TestRules.message("track-order-completed"));
        assertThat(trace.matched()).isFalse();
        assertThat(trace.type()).isEqualTo(new Explanation.FilterTrace(java.util.List.of("identify"), "track", false));
        assertThat(trace.event())
                .isEqualTo(new Explanation.FilterTrace(java.util.List.of("Order *"), "Order Completed", true));
        GroupTrace not = (GroupTrace) trace.all().children().get(0);
        assertThat(not.group()).isEqualTo("not");
        assertThat(not.holds()).isFalse();
        assertThat(((GroupTrace) not.children().get(0)).holds()).isTrue();
        assertThat(trace.any().group()).isEqualTo("any");
        assertThat(trace.any().holds()).isTrue();
        assertThat(trace.expression()).isEqualTo(new Explanation.ExpressionTrace("properties.total > 100", true, null));
    }

    @Test
    void explainsAnExpressionThatFailed() {
        RuleOutcome outcome = TestRules.compile("r", "{'expression': 'properties.currency.substring(10) == \\\"x\\\"'}")
                .evaluate(TestRules.message("track-order-completed"), true);
        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.ERROR);
        assertThat(outcome.trace().expression().error()).isNotBlank().isEqualTo(outcome.error());
        assertThat(outcome.trace().expression().holds()).isFalse();
    }

    @Test
    void anExpressionThatFailsBehindAFilterThatDoesNotHoldLeavesTheRuleNotMatchedAsWithoutExplanation() {
        CompiledRule rule = TestRules.compile(
                "r", "{'type': ['identify'], 'expression': 'properties.currency.substring(10) == \\\"x\\\"'}");
        Map<String, Object> order = TestRules.message("track-order-completed");

        RuleOutcome explained = rule.evaluate(order, true);

        assertThat(explained.status()).isEqualTo(RuleOutcome.Status.NOT_MATCHED);
        assertThat(explained.error()).isNull();
        assertThat(rule.evaluate(order, false).status()).isEqualTo(RuleOutcome.Status.NOT_MATCHED);
        // The trace still shows the expression's failure, next to the filter that decided.
        assertThat(explained.trace().type().holds()).isFalse();
        assertThat(explained.trace().expression().error()).isNotBlank();
    }

    @Test
    void serializesToJsonWithJackson() {
        RuleOutcome outcome = TestRules.compile(
                        "r",
                        "{'type': ['track'], 'all': [{'path': '$.properties.cart_total', 'op': 'gte', 'value': 50},"
                                + " {'any': [{'path': '$.properties.products[*].sku', 'op': 'exists'}]}],"
                                + " 'expression': 'properties.cart_total != null'}")
                .evaluate(cartWithTotal("75"), true);
        JsonNode json = TestRules.JSON.valueToTree(outcome);
        assertThat(json.get("status").asString()).isEqualTo("MATCHED");
        JsonNode trace = json.get("trace");
        assertThat(trace.get("matched").booleanValue()).isTrue();
        assertThat(trace.get("type").get("actual").asString()).isEqualTo("track");
        JsonNode first = trace.get("all").get("children").get(0);
        assertThat(first.get("path").asString()).isEqualTo("$.properties.cart_total");
        assertThat(first.get("found").get(0).get("value").asString()).isEqualTo("75");
        assertThat(first.get("found").get(0).get("type").asString()).isEqualTo("string");
        assertThat(first.get("expected").intValue()).isEqualTo(50);
        assertThat(first.get("hints").get(0).asString()).contains("compared as number");
        assertThat(trace.get("all").get("children").get(1).get("group").asString())
                .isEqualTo("any");
        assertThat(trace.get("expression").get("holds").booleanValue()).isTrue();
        assertThat(TestRules.JSON.writeValueAsString(outcome.trace())).contains("\"hints\"");
    }
}
