package dev.switchboard.rules;

import dev.switchboard.message.CompactJson;
import dev.switchboard.rules.Explanation.ConditionTrace;
import dev.switchboard.rules.Explanation.ExpressionTrace;
import dev.switchboard.rules.Explanation.FilterTrace;
import dev.switchboard.rules.Explanation.FoundValue;
import dev.switchboard.rules.Explanation.GroupTrace;
import dev.switchboard.rules.Explanation.PathTrace;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link Explanation} as the audit log stores it, by hand: intake stores the explanation of every rule
 * a message met (about four per message), and Jackson's record serializers cost more than rule evaluation itself.
 * The output is exactly what {@code JsonMapper} writes for the records (components in declaration order, nulls
 * written; {@code ExplanationJsonTests} compares them), and a value {@link CompactJson} does not know makes the
 * whole explanation go through Jackson.
 */
public final class ExplanationJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ExplanationJson() {}

    public static String write(Explanation explanation) {
        StringBuilder out = new StringBuilder(512);
        return append(out, explanation) ? out.toString() : MAPPER.writeValueAsString(explanation);
    }

    /**
     * Appends the explanation; false if it holds a value only Jackson can write, in which case {@code out} holds
     * part of it and must be discarded.
     */
    public static boolean append(StringBuilder out, @Nullable Explanation explanation) {
        if (explanation == null) {
            out.append("null");
            return true;
        }
        out.append("{\"matched\":").append(explanation.matched()).append(",\"type\":");
        filter(out, explanation.type());
        out.append(",\"event\":");
        filter(out, explanation.event());
        out.append(",\"all\":");
        if (!group(out, explanation.all())) {
            return false;
        }
        out.append(",\"any\":");
        if (!group(out, explanation.any())) {
            return false;
        }
        out.append(",\"expression\":");
        expression(out, explanation.expression());
        out.append('}');
        return true;
    }

    private static void filter(StringBuilder out, @Nullable FilterTrace filter) {
        if (filter == null) {
            out.append("null");
            return;
        }
        out.append("{\"expected\":");
        strings(out, filter.expected());
        out.append(",\"actual\":");
        string(out, filter.actual());
        out.append(",\"holds\":").append(filter.holds()).append('}');
    }

    private static boolean condition(StringBuilder out, ConditionTrace condition) {
        if (condition instanceof GroupTrace group) {
            return group(out, group);
        }
        return condition instanceof PathTrace path && path(out, path);
    }

    private static boolean group(StringBuilder out, @Nullable GroupTrace group) {
        if (group == null) {
            out.append("null");
            return true;
        }
        out.append("{\"group\":");
        string(out, group.group());
        out.append(",\"holds\":").append(group.holds()).append(",\"children\":[");
        List<ConditionTrace> children = group.children();
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (!condition(out, children.get(i))) {
                return false;
            }
        }
        out.append("]}");
        return true;
    }

    private static boolean path(StringBuilder out, PathTrace path) {
        out.append("{\"path\":");
        string(out, path.path());
        out.append(",\"op\":");
        string(out, path.op());
        out.append(",\"expected\":");
        node(out, path.expected());
        out.append(",\"ignoreCase\":").append(path.ignoreCase()).append(",\"found\":[");
        List<FoundValue> found = path.found();
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"value\":");
            if (!CompactJson.append(out, found.get(i).value())) {
                return false;
            }
            out.append(",\"type\":");
            string(out, found.get(i).type());
            out.append('}');
        }
        out.append("],\"holds\":").append(path.holds()).append(",\"hints\":");
        strings(out, path.hints());
        out.append('}');
        return true;
    }

    /**
     * A rule's expected value. {@code JsonNode.toString()} writes it correctly but sets up a generator for each
     * call (about a seventh of intake's CPU in a load run), so the kinds a rule holds are written here, as
     * Jackson writes them; any other kind (a BigDecimal kept as such, binary, a POJO) still goes to toString.
     */
    private static void node(StringBuilder out, @Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isString()) {
            CompactJson.appendString(out, node.stringValue());
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isInt() || node.isLong() || node.isShort()) {
            out.append(node.longValue());
        } else if (node.isBigInteger()) {
            out.append(node.bigIntegerValue());
        } else if (node.isDouble() && Double.isFinite(node.doubleValue())) {
            out.append(node.doubleValue());
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : node) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                node(out, element);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                CompactJson.appendString(out, property.getKey());
                out.append(':');
                node(out, property.getValue());
            }
            out.append('}');
        } else {
            out.append(node);
        }
    }

    private static void expression(StringBuilder out, @Nullable ExpressionTrace expression) {
        if (expression == null) {
            out.append("null");
            return;
        }
        out.append("{\"expression\":");
        string(out, expression.expression());
        out.append(",\"holds\":").append(expression.holds()).append(",\"error\":");
        string(out, expression.error());
        out.append('}');
    }

    /** A list of strings, which {@link CompactJson} always writes (it gives up only on values it does not know). */
    private static void strings(StringBuilder out, List<String> strings) {
        CompactJson.append(out, strings);
    }

    private static void string(StringBuilder out, @Nullable String text) {
        if (text == null) {
            out.append("null");
        } else {
            CompactJson.appendString(out, text);
        }
    }
}
