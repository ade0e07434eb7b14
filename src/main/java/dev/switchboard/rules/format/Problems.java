package dev.switchboard.rules.format;

import dev.switchboard.rules.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The problems found while reading one rule, plus the typed reads that report into them. */
final class Problems {

    private final List<RuleProblem> found = new ArrayList<>();

    void add(String location, String message) {
        found.add(new RuleProblem(location, message));
    }

    int count() {
        return found.size();
    }

    List<RuleProblem> found() {
        return List.copyOf(found);
    }

    static String at(String location, String field) {
        return location.isEmpty() ? field : location + "." + field;
    }

    /** Every field of {@code node} must be one of {@code known}: a typo must not silently weaken a rule. */
    void refuseUnknownFields(JsonNode node, String location, Set<String> known) {
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                add(at(location, field), "unknown field; expected one of " + String.join(", ", sorted(known)));
            }
        }
    }

    @Nullable
    String requiredString(JsonNode node, String location, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            add(at(location, field), "is required");
            return null;
        }
        return string(value, at(location, field));
    }

    @Nullable
    String string(JsonNode value, String location) {
        if (!value.isString()) {
            add(location, "must be a string, not " + typeOf(value));
            return null;
        }
        return value.stringValue();
    }

    boolean optionalBoolean(JsonNode node, String location, String field, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            add(at(location, field), "must be true or false, not " + typeOf(value));
            return fallback;
        }
        return value.booleanValue();
    }

    int optionalInt(JsonNode node, String location, String field, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            add(at(location, field), "must be a whole number, not " + typeOf(value));
            return fallback;
        }
        return value.intValue();
    }

    static String typeOf(JsonNode value) {
        if (value.isString()) {
            return "the string \"" + value.stringValue() + "\"";
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
