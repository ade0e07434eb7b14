package dev.switchboard.rules.compile;

import dev.switchboard.message.MessagePath;
import dev.switchboard.message.Messages;
import dev.switchboard.rules.Explanation.ConditionTrace;
import dev.switchboard.rules.Explanation.FoundValue;
import dev.switchboard.rules.Explanation.PathTrace;
import dev.switchboard.rules.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code { "path", "op", "value" }}. A path that selects several values holds when any value satisfies the
 * operator; a negated operator ({@code not_equals}, {@code not_contains}, {@code not_in}, {@code not_exists})
 * holds when no value satisfies its positive twin, which includes a path that selects nothing.
 */
final class PathTest implements CompiledCondition {

    private final MessagePath path;
    private final Operator op;
    private final @Nullable JsonNode expected;
    private final boolean ignoreCase;
    private final ValueTest valueTest;

    PathTest(MessagePath path, Operator op, @Nullable JsonNode expected, boolean ignoreCase, ValueTest valueTest) {
        this.path = path;
        this.op = op;
        this.expected = expected;
        this.ignoreCase = ignoreCase;
        this.valueTest = valueTest;
    }

    @Override
    public boolean test(Map<String, Object> message) {
        List<Object> values = path.read(message);
        boolean any = false;
        for (Object value : values) {
            if (valueTest.test(value)) {
                any = true;
                break;
            }
        }
        return op.isNegation() != any;
    }

    @Override
    public ConditionTrace explain(Map<String, Object> message) {
        List<Object> values = path.read(message);
        List<FoundValue> found = new ArrayList<>(values.size());
        List<String> hints = new ArrayList<>();
        boolean any = false;
        for (Object value : values) {
            found.add(new FoundValue(value, Messages.jsonType(value)));
            any |= valueTest.test(value);
            String hint = valueTest.hint(value);
            if (hint != null && !hints.contains(hint)) {
                hints.add(hint);
            }
        }
        if (values.isEmpty()) {
            hints.add("path not present");
        } else if (values.size() > 1) {
            hints.add("path selected " + values.size() + " values; "
                    + (op.isNegation() ? "holds when none of them matches" : "holds when any of them matches"));
        }
        return new PathTrace(
                path.expression(), op.wireName(), expected, ignoreCase, found, op.isNegation() != any, hints);
    }
}
