package dev.switchboard.admin.rules;

import dev.switchboard.rules.Operator;
import java.util.List;

/** The condition operators in words, as the builder offers them. */
final class Operators {

    /** An operator's wire name and how the builder says it. */
    record Choice(String value, String label) {}

    static final List<Choice> CHOICES = List.of(
            new Choice("equals", "is"),
            new Choice("not_equals", "is not"),
            new Choice("contains", "contains"),
            new Choice("not_contains", "does not contain"),
            new Choice("starts_with", "starts with"),
            new Choice("ends_with", "ends with"),
            new Choice("matches", "matches the pattern"),
            new Choice("in", "is one of"),
            new Choice("not_in", "is none of"),
            new Choice("gt", "is more than"),
            new Choice("gte", "is at least"),
            new Choice("lt", "is less than"),
            new Choice("lte", "is at most"),
            new Choice("exists", "is present"),
            new Choice("not_exists", "is missing"),
            new Choice("is_true", "is true"),
            new Choice("is_false", "is false"));

    private Operators() {}

    static boolean takesNoValue(String op) {
        return Operator.fromWireName(op).map(Operator::takesNoValue).orElse(false);
    }

    static String label(String op) {
        return CHOICES.stream()
                .filter(c -> c.value().equals(op))
                .map(Choice::label)
                .findFirst()
                .orElse(op);
    }
}
