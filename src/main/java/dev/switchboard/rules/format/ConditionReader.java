package dev.switchboard.rules.format;

import dev.switchboard.rules.Condition;
import dev.switchboard.rules.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads conditions and groups. A condition with problems is reported and replaced by an empty group, so that
 * the positions of the others (and the locations the compiler reports for them) stay as written.
 */
final class ConditionReader {

    private static final Set<String> TEST_FIELDS = Set.of("path", "op", "value", "ignoreCase");
    private static final Set<String> GROUP_FIELDS = Set.of("all", "any", "not");
    private static final String OPERATORS = String.join(
            ", ", Arrays.stream(Operator.values()).map(Operator::wireName).toList());

    private final Problems problems;

    ConditionReader(Problems problems) {
        this.problems = problems;
    }

    List<Condition> list(@Nullable JsonNode node, String location) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(location, "must be an array of conditions, not " + Problems.typeOf(node));
            return List.of();
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            conditions.add(condition(node.get(i), location + "[" + i + "]"));
        }
        return conditions;
    }

    private static final Condition PLACEHOLDER = new Condition.All(List.of());

    Condition condition(JsonNode node, String location) {
        if (!node.isObject()) {
            problems.add(location, "must be a condition object, not " + Problems.typeOf(node));
            return PLACEHOLDER;
        }
        boolean group = node.propertyNames().stream().anyMatch(GROUP_FIELDS::contains);
        return group ? group(node, location) : test(node, location);
    }

    private Condition group(JsonNode node, String location) {
        if (node.size() != 1) {
            problems.add(location, "a group holds exactly one of all, any or not, and nothing else");
            return PLACEHOLDER;
        }
        String kind = node.propertyNames().iterator().next();
        String at = Problems.at(location, kind);
        JsonNode inner = node.get(kind);
        if (kind.equals("not")) {
            return new Condition.Not(condition(inner, at));
        }
        List<Condition> children = list(inner, at);
        return kind.equals("all") ? new Condition.All(children) : new Condition.Any(children);
    }

    private Condition test(JsonNode node, String location) {
        int before = problemCount();
        problems.refuseUnknownFields(node, location, TEST_FIELDS);
        String path = problems.requiredString(node, location, "path");
        String opName = problems.requiredString(node, location, "op");
        Operator op = null;
        if (opName != null) {
            op = Operator.fromWireName(opName).orElse(null);
            if (op == null) {
                problems.add(Problems.at(location, "op"), "unknown operator \"" + opName + "\"; one of " + OPERATORS);
            }
        }
        boolean ignoreCase = problems.optionalBoolean(node, location, "ignoreCase", false);
        if (path == null || op == null || problemCount() > before) {
            return PLACEHOLDER;
        }
        return new Condition.Test(path, op, node.get("value"), ignoreCase);
    }

    private int problemCount() {
        return problems.count();
    }
}
