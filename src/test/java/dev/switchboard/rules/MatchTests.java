package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchTests {

    private static final String ORDER = "track-order-completed";

    @Test
    void emptyWhenMatchesEveryMessage() {
        for (String sample : new String[] {ORDER, "identify", "page", "screen", "group", "alias", "delete"}) {
            assertThat(TestRules.matches("{}", sample)).as(sample).isTrue();
        }
    }

    @Test
    void typeFilterKeepsOtherTypesOut() {
        assertThat(TestRules.matches("{'type': ['track']}", ORDER)).isTrue();
        assertThat(TestRules.matches("{'type': ['identify', 'group']}", ORDER)).isFalse();
        assertThat(TestRules.matches("{'type': ['identify', 'group']}", "group"))
                .isTrue();
        assertThat(TestRules.matches("{'type': []}", "alias")).isTrue();
    }

    @Test
    void eventFilterIsExactAndCaseSensitive() {
        assertThat(TestRules.matches("{'event': ['Order Completed']}", ORDER)).isTrue();
        assertThat(TestRules.matches("{'event': ['order completed']}", ORDER)).isFalse();
        assertThat(TestRules.matches("{'event': ['Order']}", ORDER)).isFalse();
    }

    @Test
    void eventGlobMatchesAnyRunOfCharacters() {
        assertThat(TestRules.matches("{'event': ['Order *']}", ORDER)).isTrue();
        assertThat(TestRules.matches("{'event': ['*Completed']}", ORDER)).isTrue();
        assertThat(TestRules.matches("{'event': ['*']}", ORDER)).isTrue();
        assertThat(TestRules.matches("{'event': ['Product *']}", ORDER)).isFalse();
        assertThat(TestRules.matches("{'event': ['Product *', 'Checkout Started']}", "track-product-added"))
                .isTrue();
        assertThat(TestRules.matches("{'event': ['Order.*']}", ORDER)).isFalse();
    }

    @Test
    void eventFilterReadsTheNameOfPagesAndScreens() {
        assertThat(TestRules.matches("{'event': ['Pricing']}", "page")).isTrue();
        assertThat(TestRules.matches("{'type': ['screen'], 'event': ['Ho*']}", "screen"))
                .isTrue();
        assertThat(TestRules.matches("{'event': ['Pricing']}", "identify")).isFalse();
    }

    @Test
    void allNeedsEveryConditionAndAnyNeedsOne() {
        String all = "{'all': [{'path': '$.properties.currency', 'op': 'equals', 'value': 'EUR'},"
                + " {'path': '$.properties.total', 'op': 'gt', 'value': 200}]}";
        assertThat(TestRules.matches(all, ORDER)).isFalse();
        String any = "{'any': [{'path': '$.properties.currency', 'op': 'equals', 'value': 'USD'},"
                + " {'path': '$.properties.total', 'op': 'gt', 'value': 100}]}";
        assertThat(TestRules.matches(any, ORDER)).isTrue();
        String none = "{'any': [{'path': '$.properties.currency', 'op': 'equals', 'value': 'USD'}]}";
        assertThat(TestRules.matches(none, ORDER)).isFalse();
        assertThat(TestRules.matches("{'any': []}", ORDER)).isTrue();
    }

    @Test
    void nestedGroupsCombineToAnyDepth() {
        String when = "{'type': ['track'], 'event': ['Order *'], 'all': ["
                + "  {'any': ["
                + "     {'path': '$.properties.currency', 'op': 'equals', 'value': 'USD'},"
                + "     {'all': ["
                + "        {'path': '$.properties.total', 'op': 'gte', 'value': 100},"
                + "        {'not': {'path': '$.context.campaign.name', 'op': 'equals', 'value': 'summer'}}"
                + "     ]}"
                + "  ]},"
                + "  {'not': {'any': [{'path': '$.properties.coupon', 'op': 'exists'}]}}"
                + "]}";
        assertThat(TestRules.matches(when, ORDER)).isTrue();
        assertThat(TestRules.matches(when.replace("'summer'", "'black-friday'"), ORDER))
                .isFalse();
    }

    @Test
    void everyPartOfWhenMustHold() {
        String base = "{'type': ['track'], 'event': ['Order Completed'],"
                + " 'all': [{'path': '$.properties.total', 'op': 'gt', 'value': 100}],"
                + " 'any': [{'path': '$.properties.currency', 'op': 'equals', 'value': 'EUR'}],"
                + " 'expression': 'properties.total > 100'}";
        assertThat(TestRules.matches(base, ORDER)).isTrue();
        assertThat(TestRules.matches(
                        base.replace(
                                "'expression': 'properties.total > 100'", "'expression': 'properties.total > 200'"),
                        ORDER))
                .isFalse();
        assertThat(TestRules.matches(base.replace("'value': 'EUR'", "'value': 'USD'"), ORDER))
                .isFalse();
        assertThat(TestRules.matches(base.replace("'type': ['track']", "'type': ['page']"), ORDER))
                .isFalse();
    }
}
