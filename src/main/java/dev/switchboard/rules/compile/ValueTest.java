package dev.switchboard.rules.compile;

import dev.switchboard.message.Messages;
import dev.switchboard.rules.Operator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One operator with its compiled value, applied to one value a path selected. Negated operators are compiled
 * as their positive twin ({@code not_in} as {@code in}); {@link PathTest} inverts the verdict over all values.
 */
final class ValueTest {

    private final Operator op;
    private final boolean ignoreCase;
    private final @Nullable Object expected;
    private final @Nullable String expectedText;
    private final @Nullable BigDecimal expectedNumber;
    private final @Nullable Instant expectedInstant;
    private final @Nullable Pattern pattern;
    private final List<@Nullable Object> options;
    private final TimeBudget budget;

    ValueTest(
            Operator op,
            boolean ignoreCase,
            @Nullable Object expected,
            @Nullable Pattern pattern,
            List<@Nullable Object> options,
            TimeBudget budget) {
        this.op = op;
        this.ignoreCase = ignoreCase;
        this.expected = expected;
        String text = expected instanceof BigDecimal number ? number.toPlainString() : asText(expected);
        this.expectedText = text != null && ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        this.expectedNumber = JsonValues.number(expected);
        this.expectedInstant = expectedNumber == null ? JsonValues.instant(expected) : null;
        this.pattern = pattern;
        this.options = options;
        this.budget = budget;
    }

    boolean test(@Nullable Object actual) {
        switch (op) {
            case EQUALS:
                return JsonValues.same(expected, actual, ignoreCase);
            case CONTAINS:
                return contains(actual);
            case STARTS_WITH:
                return actual instanceof String a
                        && expectedText != null
                        && a.regionMatches(ignoreCase, 0, expectedText, 0, expectedText.length());
            case ENDS_WITH:
                return actual instanceof String a
                        && expectedText != null
                        && a.length() >= expectedText.length()
                        && a.regionMatches(
                                ignoreCase, a.length() - expectedText.length(), expectedText, 0, expectedText.length());
            case MATCHES:
                return actual instanceof String a
                        && pattern != null
                        && pattern.matcher(new DeadlineText(a, budget.nanoTime(), budget.nanos()))
                                .matches();
            case IN:
                for (Object option : options) {
                    if (JsonValues.same(option, actual, ignoreCase)) {
                        return true;
                    }
                }
                return false;
            case GT:
            case GTE:
            case LT:
            case LTE:
                Integer order = compare(actual);
                return order != null && ordered(order);
            case EXISTS:
                return actual != null;
            case IS_TRUE:
                return Boolean.TRUE.equals(actual) || "true".equalsIgnoreCase(asText(actual));
            case IS_FALSE:
                return Boolean.FALSE.equals(actual) || "false".equalsIgnoreCase(asText(actual));
            default:
                throw new IllegalStateException("negated operators are compiled as their positive twin: " + op);
        }
    }

    /** A hint for the explanation when the value is not what the operator naturally takes, else {@code null}. */
    @Nullable
    String hint(@Nullable Object actual) {
        if (actual == null) {
            return op == Operator.EXISTS ? null : "value is null";
        }
        boolean numeric = expectedNumber != null && (op == Operator.EQUALS || op == Operator.IN || isOrdering());
        if (op == Operator.IN) {
            numeric = options.stream().anyMatch(o -> o instanceof Number);
        }
        if (numeric && actual instanceof String text) {
            return JsonValues.number(text) != null
                    ? "value is the string " + JsonValues.show(text) + " (compared as number)"
                    : "value is the string " + JsonValues.show(text) + ", not a number";
        }
        if (op == Operator.EQUALS && expected instanceof String && actual instanceof Number) {
            return JsonValues.number(expected) != null
                    ? "value is the number " + actual + " (compared as number)"
                    : "value is the number " + actual + ", not a string";
        }
        if (isOrdering() && expectedInstant != null && JsonValues.instant(actual) == null) {
            return "value " + JsonValues.show(actual) + " is not an ISO-8601 timestamp";
        }
        if (isTextual() && !(actual instanceof String) && !(op == Operator.CONTAINS && actual instanceof List<?>)) {
            return "value is " + article(actual) + ", not a string";
        }
        if ((op == Operator.IS_TRUE || op == Operator.IS_FALSE) && !(actual instanceof Boolean)) {
            return actual instanceof String text && ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text))
                    ? "value is the string " + JsonValues.show(text) + " (compared as boolean)"
                    : "value is " + article(actual) + ", not a boolean";
        }
        return null;
    }

    private boolean contains(@Nullable Object actual) {
        if (actual instanceof String a) {
            return expectedText != null
                    && (ignoreCase ? a.toLowerCase(Locale.ROOT).contains(expectedText) : a.contains(expectedText));
        }
        if (actual instanceof List<?> list) {
            for (Object element : list) {
                if (JsonValues.same(expected, element, ignoreCase)) {
                    return true;
                }
            }
        }
        return false;
    }

    private @Nullable Integer compare(@Nullable Object actual) {
        if (expectedNumber != null) {
            BigDecimal a = JsonValues.number(actual);
            return a == null ? null : a.compareTo(expectedNumber);
        }
        if (expectedInstant != null) {
            Instant a = JsonValues.instant(actual);
            return a == null ? null : a.compareTo(expectedInstant);
        }
        return null;
    }

    private boolean ordered(int order) {
        switch (op) {
            case GT:
                return order > 0;
            case GTE:
                return order >= 0;
            case LT:
                return order < 0;
            default:
                return order <= 0;
        }
    }

    private boolean isOrdering() {
        return op == Operator.GT || op == Operator.GTE || op == Operator.LT || op == Operator.LTE;
    }

    private boolean isTextual() {
        return op == Operator.CONTAINS
                || op == Operator.STARTS_WITH
                || op == Operator.ENDS_WITH
                || op == Operator.MATCHES;
    }

    private static @Nullable String asText(@Nullable Object value) {
        return value instanceof String || value instanceof Boolean ? value.toString() : null;
    }

    private static String article(Object value) {
        String type = Messages.jsonType(value);
        return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }
}
