package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorTests {

    private static final String ORDER = "track-order-completed";
    private static final String IDENTIFY = "identify";

    private static String test(String path, String op, String value) {
        return "{'all': [{'path': '" + path + "', 'op': '" + op + "'" + (value == null ? "" : ", 'value': " + value)
                + "}]}";
    }

    private static String test(String path, String op) {
        return test(path, op, null);
    }

    private static boolean holds(String path, String op, String value, String sample) {
        return TestRules.matches(test(path, op, value), sample);
    }

    private static boolean holdsOn(Map<String, Object> message, String when) {
        return TestRules.compile("r", when).evaluate(message, false).matched();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> orderWith(String property, Object value) {
        Map<String, Object> message = TestRules.message(ORDER);
        ((Map<String, Object>) message.get("properties")).put(property, value);
        return message;
    }

    @Test
    void equalsComparesStringsExactly() {
        assertThat(holds("$.properties.currency", "equals", "'EUR'", ORDER)).isTrue();
        assertThat(holds("$.properties.currency", "equals", "'eur'", ORDER)).isFalse();
    }

    @Test
    void equalsWithIgnoreCaseIgnoresCase() {
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.properties.currency', 'op': 'equals', 'value': 'eur', 'ignoreCase': true}]}",
                        ORDER))
                .isTrue();
    }

    @Test
    void equalsComparesNumbersAsNumbers() {
        assertThat(holds("$.properties.total", "equals", "114.90", ORDER)).isTrue();
        assertThat(holds("$.properties.discount", "equals", "0.0", ORDER)).isTrue();
        assertThat(holds("$.properties.total", "equals", "'114.9'", ORDER)).isTrue();
    }

    @Test
    void equalsNullMatchesAJsonNull() {
        assertThat(holds("$.properties.coupon", "equals", "null", ORDER)).isTrue();
        assertThat(holds("$.properties.currency", "equals", "null", ORDER)).isFalse();
    }

    @Test
    void notEqualsHoldsWhenNoValueEqualsIncludingAnAbsentPath() {
        assertThat(holds("$.properties.currency", "not_equals", "'USD'", ORDER)).isTrue();
        assertThat(holds("$.properties.currency", "not_equals", "'EUR'", ORDER)).isFalse();
        assertThat(holds("$.properties.missing", "not_equals", "'EUR'", ORDER)).isTrue();
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.properties.currency', 'op': 'not_equals', 'value': 'eur', 'ignoreCase': true}]}",
                        ORDER))
                .isFalse();
    }

    @Test
    void containsFindsSubstringsAndArrayElements() {
        assertThat(holds("$.context.traits.email", "contains", "'@hi.'", ORDER)).isTrue();
        assertThat(holds("$.context.traits.email", "contains", "'@HI.'", ORDER)).isFalse();
        Map<String, Object> tagged = orderWith("tags", java.util.List.of("vip", "Newsletter", 7));
        assertThat(holdsOn(tagged, test("$.properties.tags", "contains", "'vip'")))
                .isTrue();
        assertThat(holdsOn(tagged, test("$.properties.tags", "contains", "7"))).isTrue();
        assertThat(holdsOn(tagged, test("$.properties.tags", "contains", "'newsletter'")))
                .isFalse();
        assertThat(
                        holdsOn(
                                tagged,
                                "{'all': [{'path': '$.properties.tags', 'op': 'contains', 'value': 'newsletter', 'ignoreCase': true}]}"))
                .isTrue();
    }

    @Test
    void containsWithIgnoreCaseIgnoresCaseOfSubstrings() {
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.context.traits.email', 'op': 'contains', 'value': '@HI.', 'ignoreCase': true}]}",
                        ORDER))
                .isTrue();
    }

    @Test
    void notContainsHoldsWhenNoValueContains() {
        assertThat(holds("$.context.traits.email", "not_contains", "'@example.'", ORDER))
                .isTrue();
        assertThat(holds("$.context.traits.email", "not_contains", "'@hi.'", ORDER))
                .isFalse();
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.context.traits.email', 'op': 'not_contains', 'value': 'HI', 'ignoreCase': true}]}",
                        ORDER))
                .isFalse();
    }

    @Test
    void startsWithAndEndsWithCompareTheEnds() {
        assertThat(holds("$.event", "starts_with", "'Order'", ORDER)).isTrue();
        assertThat(holds("$.event", "starts_with", "'order'", ORDER)).isFalse();
        assertThat(holds("$.event", "ends_with", "'Completed'", ORDER)).isTrue();
        assertThat(holds("$.event", "ends_with", "'Order'", ORDER)).isFalse();
        assertThat(holds("$.properties.total", "starts_with", "'114'", ORDER)).isFalse();
    }

    @Test
    void startsWithAndEndsWithHonourIgnoreCase() {
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.event', 'op': 'starts_with', 'value': 'order', 'ignoreCase': true},"
                                + " {'path': '$.event', 'op': 'ends_with', 'value': 'COMPLETED', 'ignoreCase': true}]}",
                        ORDER))
                .isTrue();
    }

    @Test
    void matchesNeedsTheWholeValueToMatch() {
        assertThat(holds("$.properties.order_id", "matches", "'o-\\\\d+'", ORDER))
                .isTrue();
        assertThat(holds("$.properties.order_id", "matches", "'\\\\d+'", ORDER)).isFalse();
        assertThat(holds("$.properties.order_id", "matches", "'O-\\\\d+'", ORDER))
                .isFalse();
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.properties.order_id', 'op': 'matches', 'value': 'O-\\\\d+', 'ignoreCase': true}]}",
                        ORDER))
                .isTrue();
    }

    @Test
    void inAndNotInTakeAnArrayOfValues() {
        assertThat(holds("$.properties.currency", "in", "['USD', 'EUR']", ORDER))
                .isTrue();
        assertThat(holds("$.properties.currency", "in", "['USD', 'GBP']", ORDER))
                .isFalse();
        assertThat(holds("$.properties.currency", "not_in", "['USD', 'GBP']", ORDER))
                .isTrue();
        assertThat(holds("$.properties.currency", "not_in", "['EUR']", ORDER)).isFalse();
        assertThat(holds("$.properties.discount", "in", "[0, 5]", ORDER)).isTrue();
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.properties.currency', 'op': 'in', 'value': ['usd', 'eur'], 'ignoreCase': true}]}",
                        ORDER))
                .isTrue();
        assertThat(TestRules.matches(
                        "{'all': [{'path': '$.properties.currency', 'op': 'not_in', 'value': ['eur'], 'ignoreCase': true}]}",
                        ORDER))
                .isFalse();
    }

    @Test
    void orderingOperatorsCompareNumbers() {
        assertThat(holds("$.properties.total", "gt", "100", ORDER)).isTrue();
        assertThat(holds("$.properties.total", "gt", "114.9", ORDER)).isFalse();
        assertThat(holds("$.properties.total", "gte", "114.9", ORDER)).isTrue();
        assertThat(holds("$.properties.total", "lt", "114.9", ORDER)).isFalse();
        assertThat(holds("$.properties.total", "lte", "114.9", ORDER)).isTrue();
        assertThat(holds("$.properties.total", "lt", "200", ORDER)).isTrue();
    }

    @Test
    void numberSentAsStringStillMatchesGte() {
        Map<String, Object> message = orderWith("cart_total", "75");
        assertThat(holdsOn(message, test("$.properties.cart_total", "gte", "50")))
                .isTrue();
        assertThat(holdsOn(message, test("$.properties.cart_total", "lt", "50")))
                .isFalse();
        assertThat(holdsOn(message, test("$.properties.cart_total", "equals", "75")))
                .isTrue();
        assertThat(holdsOn(message, test("$.properties.cart_total", "in", "[75, 80]")))
                .isTrue();
    }

    @Test
    void textThatIsNoNumberNeverSatisfiesANumberComparison() {
        Map<String, Object> message = orderWith("cart_total", "lots");
        assertThat(holdsOn(message, test("$.properties.cart_total", "gte", "0")))
                .isFalse();
        assertThat(holdsOn(message, test("$.properties.cart_total", "lt", "0"))).isFalse();
    }

    @Test
    void orderingOperatorsCompareIsoTimestampsAsInstants() {
        assertThat(holds("$.traits.createdAt", "lt", "'2025-03-02T11:00:00+01:00'", IDENTIFY))
                .isFalse();
        assertThat(holds("$.traits.createdAt", "lte", "'2025-03-02T11:00:00+01:00'", IDENTIFY))
                .isTrue();
        assertThat(holds("$.traits.createdAt", "gt", "'2025-01-01'", IDENTIFY)).isTrue();
        assertThat(holds("$.timestamp", "gte", "'2026-11-27T18:21:04.112Z'", IDENTIFY))
                .isTrue();
        assertThat(holds("$.timestamp", "gt", "'2026-11-27T18:21:04.112Z'", IDENTIFY))
                .isFalse();
        assertThat(holds("$.traits.plan", "gt", "'2025-01-01'", IDENTIFY)).isFalse();
    }

    @Test
    void existsAndNotExistsTreatNullAsAbsent() {
        assertThat(TestRules.matches(test("$.properties.currency", "exists"), ORDER))
                .isTrue();
        assertThat(TestRules.matches(test("$.properties.coupon", "exists"), ORDER))
                .isFalse();
        assertThat(TestRules.matches(test("$.properties.missing", "exists"), ORDER))
                .isFalse();
        assertThat(TestRules.matches(test("$.properties.coupon", "not_exists"), ORDER))
                .isTrue();
        assertThat(TestRules.matches(test("$.properties.missing", "not_exists"), ORDER))
                .isTrue();
        assertThat(TestRules.matches(test("$.properties.currency", "not_exists"), ORDER))
                .isFalse();
    }

    @Test
    void isTrueAndIsFalseReadBooleansAndBooleanText() {
        String sample = "track-audience-entered";
        assertThat(TestRules.matches(test("$.properties.frequent_shoppers", "is_true"), sample))
                .isTrue();
        assertThat(TestRules.matches(test("$.properties.frequent_shoppers", "is_false"), sample))
                .isFalse();
        assertThat(TestRules.matches(test("$.properties.missing", "is_false"), sample))
                .isFalse();
        Map<String, Object> message = orderWith("gift", "false");
        assertThat(holdsOn(message, test("$.properties.gift", "is_false"))).isTrue();
        assertThat(holdsOn(message, test("$.properties.gift", "is_true"))).isFalse();
    }

    @Test
    void aPathSelectingSeveralValuesHoldsWhenAnyValueDoes() {
        String categories = "$.properties.products[*].category";
        assertThat(holds(categories, "equals", "'Accessories'", ORDER)).isTrue();
        assertThat(holds(categories, "equals", "'Books'", ORDER)).isFalse();
        assertThat(holds("$.properties.products[*].price", "gt", "50", ORDER)).isTrue();
        assertThat(holds("$.properties.products[*].price", "gt", "90", ORDER)).isFalse();
    }

    @Test
    void aNegatedOperatorOnSeveralValuesHoldsOnlyWhenNoneMatches() {
        String categories = "$.properties.products[*].category";
        assertThat(holds(categories, "not_equals", "'Accessories'", ORDER)).isFalse();
        assertThat(holds(categories, "not_equals", "'Books'", ORDER)).isTrue();
        assertThat(holds(categories, "not_in", "['Books', 'Toys']", ORDER)).isTrue();
        assertThat(holds(categories, "not_in", "['Shoes']", ORDER)).isFalse();
    }

    @Test
    void filterPathsWorkThroughTheGeneralEngine() {
        assertThat(holds("$.properties.products[?(@.price > 50)].sku", "equals", "'SNK-42-BLK'", ORDER))
                .isTrue();
    }
}
