package dev.switchboard.rules.format;

import dev.switchboard.rules.Condition;
import dev.switchboard.rules.MatchSpec;
import dev.switchboard.rules.RuleDefinition;
import dev.switchboard.rules.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one rule's JSON. It never stops at the first problem: a field with a problem gets its default so that
 * the rest can still be checked (and compiled), and the caller refuses the rule if any problem was found.
 */
public final class RuleReader {

    /** The result: a best-effort definition, usable only when {@code problems} is empty. */
    public record Result(RuleDefinition definition, List<RuleProblem> problems) {}

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> RULE_FIELDS =
            Set.of("key", "name", "description", "enabled", "priority", "stopProcessing", "when", "actions");
    private static final Set<String> WHEN_FIELDS = Set.of("type", "event", "all", "any", "expression");

    private RuleReader() {}

    public static Result read(JsonNode rule) {
        Problems problems = new Problems();
        if (!rule.isObject()) {
            problems.add("", "a rule must be a JSON object, not " + Problems.typeOf(rule));
            return new Result(placeholder(), problems.found());
        }
        problems.refuseUnknownFields(rule, "", RULE_FIELDS);
        String key = problems.requiredString(rule, "", "key");
        if (key != null && !KEY.matcher(key).matches()) {
            problems.add("key", "must be 1 to 63 lowercase letters, digits or dashes, starting with a letter or digit");
        }
        String name = problems.requiredString(rule, "", "name");
        String description = optionalString(rule, "description", problems);
        boolean enabled = problems.optionalBoolean(rule, "", "enabled", true);
        int priority = problems.optionalInt(rule, "", "priority", RuleDefinition.DEFAULT_PRIORITY);
        boolean stop = problems.optionalBoolean(rule, "", "stopProcessing", false);
        MatchSpec when = when(rule.get("when"), problems);
        JsonNode actions = actions(rule.get("actions"), problems);
        RuleDefinition definition = new RuleDefinition(
                key == null ? "" : key, name == null ? "" : name, description, enabled, priority, stop, when, actions);
        return new Result(definition, problems.found());
    }

    private static String optionalString(JsonNode rule, String field, Problems problems) {
        JsonNode value = rule.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        String text = problems.string(value, field);
        return text == null ? "" : text;
    }

    private static MatchSpec when(@Nullable JsonNode when, Problems problems) {
        if (when == null || when.isNull()) {
            problems.add("when", "is required ({} matches every message)");
            return MatchSpec.EVERY_MESSAGE;
        }
        if (!when.isObject()) {
            problems.add("when", "must be an object, not " + Problems.typeOf(when));
            return MatchSpec.EVERY_MESSAGE;
        }
        problems.refuseUnknownFields(when, "when", WHEN_FIELDS);
        ConditionReader conditions = new ConditionReader(problems);
        List<Condition> all = conditions.list(when.get("all"), "when.all");
        List<Condition> any = conditions.list(when.get("any"), "when.any");
        String expression = null;
        JsonNode expressionNode = when.get("expression");
        if (expressionNode != null && !expressionNode.isNull()) {
            expression = problems.string(expressionNode, "when.expression");
        }
        return new MatchSpec(
                strings(when.get("type"), "when.type", problems),
                strings(when.get("event"), "when.event", problems),
                all,
                any,
                expression);
    }

    private static List<String> strings(@Nullable JsonNode node, String location, Problems problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(location, "must be an array of strings, not " + Problems.typeOf(node));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String value = problems.string(node.get(i), location + "[" + i + "]");
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static JsonNode actions(@Nullable JsonNode actions, Problems problems) {
        if (actions == null || actions.isNull()) {
            problems.add("actions", "is required: at least one action");
            return emptyArray();
        }
        if (!actions.isArray() || actions.isEmpty()) {
            problems.add("actions", "must be a non-empty array of actions");
            return emptyArray();
        }
        for (int i = 0; i < actions.size(); i++) {
            if (!actions.get(i).isObject()) {
                problems.add("actions[" + i + "]", "must be an action object, not " + Problems.typeOf(actions.get(i)));
            }
        }
        return actions;
    }

    private static JsonNode emptyArray() {
        return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    private static RuleDefinition placeholder() {
        return new RuleDefinition(
                "", "", "", true, RuleDefinition.DEFAULT_PRIORITY, false, MatchSpec.EVERY_MESSAGE, emptyArray());
    }
}
