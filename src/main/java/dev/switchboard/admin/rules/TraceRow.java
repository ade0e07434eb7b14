package dev.switchboard.admin.rules;

import dev.switchboard.rules.Explanation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One line of a match explanation, flattened for the page: what was tested, whether it held, what the message
 * actually had (value and JSON type) and hints such as "number sent as string".
 */
public record TraceRow(int depth, String label, boolean holds, List<String> found, List<String> hints) {

    static List<TraceRow> of(@Nullable Explanation explanation) {
        List<TraceRow> rows = new ArrayList<>();
        if (explanation == null) {
            return rows;
        }
        filter(rows, "Message type is one of", explanation.type());
        filter(rows, "Event name is one of", explanation.event());
        group(rows, explanation.all(), "All of these hold", 0);
        group(rows, explanation.any(), "At least one of these holds", 0);
        if (explanation.expression() != null) {
            Explanation.ExpressionTrace e = explanation.expression();
            rows.add(new TraceRow(
                    0,
                    "Advanced expression " + e.expression(),
                    e.holds(),
                    List.of(),
                    e.error() == null ? List.of() : List.of(e.error())));
        }
        return rows;
    }

    /** The same lines from an explanation as the audit log stores it (its JSON form); none for null. */
    public static List<TraceRow> of(@Nullable JsonNode stored) {
        List<TraceRow> rows = new ArrayList<>();
        if (stored == null || !stored.isObject()) {
            return rows;
        }
        filter(rows, "Message type is one of", stored.get("type"));
        filter(rows, "Event name is one of", stored.get("event"));
        group(rows, stored.get("all"), "All of these hold", 0);
        group(rows, stored.get("any"), "At least one of these holds", 0);
        JsonNode e = stored.get("expression");
        if (e != null && e.isObject()) {
            rows.add(new TraceRow(
                    0,
                    "Advanced expression " + text(e.get("expression")),
                    e.path("holds").asBoolean(),
                    List.of(),
                    present(e.get("error")) ? List.of(text(e.get("error"))) : List.of()));
        }
        return rows;
    }

    private static void filter(List<TraceRow> rows, String label, @Nullable JsonNode trace) {
        if (trace != null && trace.isObject()) {
            List<String> expected = new ArrayList<>();
            trace.path("expected").forEach(v -> expected.add(text(v)));
            rows.add(new TraceRow(
                    0,
                    label + " " + String.join(", ", expected),
                    trace.path("holds").asBoolean(),
                    List.of(present(trace.get("actual")) ? text(trace.get("actual")) : "(none)"),
                    List.of()));
        }
    }

    private static void group(List<TraceRow> rows, @Nullable JsonNode group, String label, int depth) {
        if (group == null || !group.isObject()) {
            return;
        }
        rows.add(new TraceRow(depth, label, group.path("holds").asBoolean(), List.of(), List.of()));
        for (JsonNode child : group.path("children")) {
            if (child.has("group")) {
                String childLabel = switch (text(child.get("group"))) {
                    case "any" -> "At least one of these holds";
                    case "not" -> "This does not hold";
                    default -> "All of these hold";
                };
                group(rows, child, childLabel, depth + 1);
            } else if (child.has("path")) {
                JsonNode expected = child.get("expected");
                List<String> found = new ArrayList<>();
                child.path("found").forEach(v -> found.add(text(v.get("value")) + " (" + text(v.get("type")) + ")"));
                List<String> hints = new ArrayList<>();
                child.path("hints").forEach(h -> hints.add(text(h)));
                rows.add(new TraceRow(
                        depth + 1,
                        text(child.get("path")) + " " + Operators.label(text(child.get("op")))
                                + (present(expected) ? " " + expected : "")
                                + (child.path("ignoreCase").asBoolean() ? " (ignoring case)" : ""),
                        child.path("holds").asBoolean(),
                        found,
                        hints));
            }
        }
    }

    private static boolean present(@Nullable JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static String text(@Nullable JsonNode node) {
        if (!present(node)) {
            return "null";
        }
        return node.isString() ? node.asString() : node.toString();
    }

    private static void filter(List<TraceRow> rows, String label, Explanation.@Nullable FilterTrace trace) {
        if (trace != null) {
            rows.add(new TraceRow(
                    0,
                    label + " " + String.join(", ", trace.expected()),
                    trace.holds(),
                    List.of(trace.actual() == null ? "(none)" : trace.actual()),
                    List.of()));
        }
    }

    private static void group(List<TraceRow> rows, Explanation.@Nullable GroupTrace group, String label, int depth) {
        if (group == null) {
            return;
        }
        rows.add(new TraceRow(depth, label, group.holds(), List.of(), List.of()));
        group.children().forEach(child -> child(rows, child, depth + 1));
    }

    private static void child(List<TraceRow> rows, Explanation.ConditionTrace trace, int depth) {
        if (trace instanceof Explanation.GroupTrace group) {
            String label = switch (group.group()) {
                case "any" -> "At least one of these holds";
                case "not" -> "This does not hold";
                default -> "All of these hold";
            };
            group(rows, group, label, depth);
        } else if (trace instanceof Explanation.PathTrace path) {
            String expected = path.expected() == null ? "" : " " + path.expected();
            List<String> found = new ArrayList<>();
            path.found().forEach(v -> found.add(v.value() + " (" + v.type() + ")"));
            rows.add(new TraceRow(
                    depth,
                    path.path() + " " + Operators.label(path.op()) + expected
                            + (path.ignoreCase() ? " (ignoring case)" : ""),
                    path.holds(),
                    found,
                    path.hints()));
        }
    }
}
