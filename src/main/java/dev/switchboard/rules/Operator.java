package dev.switchboard.rules;

import java.util.Arrays;
import java.util.Optional;

/** The condition operators of the rule format, with their names as written in rule JSON. */
public enum Operator {
    EQUALS("equals", true),
    NOT_EQUALS("not_equals", true),
    CONTAINS("contains", true),
    NOT_CONTAINS("not_contains", true),
    STARTS_WITH("starts_with", true),
    ENDS_WITH("ends_with", true),
    MATCHES("matches", true),
    IN("in", true),
    NOT_IN("not_in", true),
    GT("gt", false),
    GTE("gte", false),
    LT("lt", false),
    LTE("lte", false),
    EXISTS("exists", false),
    NOT_EXISTS("not_exists", false),
    IS_TRUE("is_true", false),
    IS_FALSE("is_false", false);

    private final String wireName;
    private final boolean textual;

    Operator(String wireName, boolean textual) {
        this.wireName = wireName;
        this.textual = textual;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether {@code ignoreCase} means something for this operator. */
    public boolean acceptsIgnoreCase() {
        return textual;
    }

    /** Whether the operator takes no {@code value}. */
    public boolean takesNoValue() {
        return this == EXISTS || this == NOT_EXISTS || this == IS_TRUE || this == IS_FALSE;
    }

    /**
     * The negated operators hold when no selected value satisfies their positive twin, so on a path that
     * selects nothing they hold.
     */
    public boolean isNegation() {
        return this == NOT_EQUALS || this == NOT_CONTAINS || this == NOT_IN || this == NOT_EXISTS;
    }

    public static Optional<Operator> fromWireName(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }
}
