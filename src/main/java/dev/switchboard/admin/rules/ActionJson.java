package dev.switchboard.admin.rules;

import dev.switchboard.rules.RuleProblem;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts an action between rule JSON and {@link ActionForm}: nested plain objects ({@code to}, {@code payload})
 * become dotted field names, {@code @path} and {@code @template} their own sources, text a fixed value, and
 * anything else (numbers, {@code @if}, {@code @arrayPath}, arrays) JSON kept as it is.
 */
final class ActionJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ActionJson() {}

    static ObjectNode toJson(ActionForm action, String location, List<RuleProblem> problems) {
        ObjectNode json = NODES.objectNode();
        json.put("type", action.getType());
        if (!action.getDelay().isEmpty()) {
            json.put("delay", action.getDelay());
        }
        List<FieldRow> fields = action.getFields();
        for (int i = 0; i < fields.size(); i++) {
            FieldRow field = fields.get(i);
            if (field.getName().isEmpty() || field.getValue().isBlank()) {
                continue;
            }
            JsonNode value = value(field, location + "." + field.getName(), problems);
            put(json, field.getName(), value, location, problems);
        }
        return json;
    }

    static ActionForm from(JsonNode json) {
        ActionForm action = new ActionForm();
        action.setType(json.path("type").asString(""));
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            String name = entry.getKey();
            if ("type".equals(name)) {
                continue;
            }
            if ("delay".equals(name) && entry.getValue().isString()) {
                action.setDelay(entry.getValue().asString());
                continue;
            }
            flatten(name, entry.getValue(), action);
        }
        return action;
    }

    private static void flatten(String name, JsonNode value, ActionForm action) {
        if (value.isObject() && !directive(value) && !value.isEmpty() && simpleKeys(value)) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                flatten(name + "." + entry.getKey(), entry.getValue(), action);
            }
        } else if (only(value, "@path")) {
            action.add(name, FieldRow.PATH, value.get("@path").asString());
        } else if (only(value, "@template")) {
            action.add(name, FieldRow.TEMPLATE, value.get("@template").asString());
        } else if (value.isString() && !value.asString().isBlank()) {
            action.add(name, FieldRow.TEXT, value.asString());
        } else {
            action.add(name, FieldRow.JSON, value.toString());
        }
    }

    private static JsonNode value(FieldRow field, String location, List<RuleProblem> problems) {
        return switch (field.getSource()) {
            case FieldRow.PATH ->
                NODES.objectNode().put("@path", field.getValue().trim());
            case FieldRow.TEMPLATE -> NODES.objectNode().put("@template", field.getValue());
            case FieldRow.JSON -> {
                JsonNode parsed = RuleForm.parse(field.getValue());
                if (parsed == null) {
                    problems.add(new RuleProblem(location, "is not valid JSON"));
                    yield NODES.stringNode(field.getValue());
                }
                yield parsed;
            }
            default -> NODES.stringNode(field.getValue());
        };
    }

    private static void put(ObjectNode json, String name, JsonNode value, String location, List<RuleProblem> problems) {
        String[] parts = name.split("\\.");
        ObjectNode parent = json;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = parent.get(parts[i]);
            if (next == null) {
                parent = parent.putObject(parts[i]);
            } else if (next.isObject() && !directive(next)) {
                parent = (ObjectNode) next;
            } else {
                problems.add(new RuleProblem(location + "." + name, "conflicts with the field " + parts[i]));
                return;
            }
        }
        if (parent.has(parts[parts.length - 1])) {
            problems.add(new RuleProblem(location + "." + name, "is given twice"));
            return;
        }
        parent.set(parts[parts.length - 1], value);
    }

    private static boolean directive(JsonNode object) {
        for (String key : object.propertyNames()) {
            if (key.startsWith("@")) {
                return true;
            }
        }
        return false;
    }

    private static boolean simpleKeys(JsonNode object) {
        for (String key : object.propertyNames()) {
            if (key.isEmpty() || key.contains(".") || key.startsWith("@")) {
                return false;
            }
        }
        return true;
    }

    private static boolean only(JsonNode value, String directive) {
        return value.isObject() && value.size() == 1 && value.path(directive).isString();
    }
}
