package dev.switchboard.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Why a rule matched a message or not, part by part, as the audit log stores it and the UI shows it. Parts the
 * rule does not use are {@code null}. In explain mode every part is evaluated (no short circuit), so the trace
 * shows each failing part, not only the first. Serializes to JSON as is.
 */
public record Explanation(
        boolean matched,
        @Nullable FilterTrace type,
        @Nullable FilterTrace event,
        @Nullable GroupTrace all,
        @Nullable GroupTrace any,
        @Nullable ExpressionTrace expression) {

    /**
     * Whether everything but the expression holds: only then does the hot path ({@code test}, which short-circuits)
     * get to the expression, so only then does an expression that fails make the rule fail.
     */
    public boolean holdsBeforeExpression() {
        return (type == null || type.holds())
                && (event == null || event.holds())
                && (all == null || all.holds())
                && (any == null || any.holds());
    }

    /** The {@code type} or {@code event} filter: what the rule expects and what the message had. */
    public record FilterTrace(
            List<String> expected, @Nullable String actual, boolean holds) {}

    /** A condition or a group of them. */
    public sealed interface ConditionTrace {
        boolean holds();
    }

    /**
     * A path condition: every value the path selected with its JSON type, and hints such as
     * {@code value is the string "75" (compared as number)} or {@code path not present}.
     */
    public record PathTrace(
            String path,
            String op,
            @Nullable JsonNode expected,
            boolean ignoreCase,
            List<FoundValue> found,
            boolean holds,
            List<String> hints)
            implements ConditionTrace {}

    /** {@code all}, {@code any} or {@code not} with its children. */
    public record GroupTrace(String group, boolean holds, List<ConditionTrace> children) implements ConditionTrace {}

    /** One value a path selected. */
    public record FoundValue(@Nullable Object value, String type) {}

    /** The MVEL expression: its verdict, or the error that stopped it. */
    public record ExpressionTrace(
            String expression, boolean holds, @Nullable String error) {}
}
