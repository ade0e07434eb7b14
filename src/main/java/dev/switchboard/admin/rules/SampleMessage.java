package dev.switchboard.admin.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A made-up message for a rule: its first type and event, a user, and the values its simple conditions
 * ({@code $.a.b} with is, is at least, ...) ask for, so a marketer can try a rule before any traffic arrived.
 */
final class SampleMessage {

    private static final String SIMPLE_PATH = "\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+";

    private SampleMessage() {}

    static Map<String, Object> forRule(JsonNode rule) {
        Map<String, Object> message = new LinkedHashMap<>();
        JsonNode when = rule.path("when");
        String type = when.path("type").path(0).asString("track");
        message.put("type", type);
        String event = when.path("event").path(0).asString("Sample Event");
        if ("track".equals(type)) {
            message.put("event", event.contains("*") ? event.replace("*", "Sample") : event);
        }
        message.put("userId", "sample-user-1");
        message.put("messageId", "sample-" + rule.path("key").asString("rule"));
        message.put("timestamp", "2026-01-01T12:00:00Z");
        message.put("properties", new LinkedHashMap<String, Object>());
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("email", "sample@example.com");
        traits.put("firstName", "Sam");
        message.put("context", new LinkedHashMap<>(Map.of("traits", traits)));
        when.path("all").forEach(condition -> satisfy(message, condition));
        return message;
    }

    @SuppressWarnings("unchecked")
    private static void satisfy(Map<String, Object> message, JsonNode condition) {
        String path = condition.path("path").asString("");
        if (!path.matches(SIMPLE_PATH)) {
            return;
        }
        Object value = valueFor(condition.path("op").asString(""), condition.get("value"));
        if (value == null) {
            return;
        }
        String[] names = path.substring(2).split("\\.");
        Map<String, Object> parent = message;
        for (int i = 0; i < names.length - 1; i++) {
            Object next = parent.get(names[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                parent.put(names[i], next);
            }
            parent = (Map<String, Object>) next;
        }
        parent.put(names[names.length - 1], value);
    }

    private static Object valueFor(String op, JsonNode value) {
        return switch (op) {
            case "equals", "gte", "lte", "contains", "starts_with", "ends_with" -> plain(value);
            case "gt" -> value != null && value.isNumber() ? value.asDouble() + 1 : null;
            case "lt" -> value != null && value.isNumber() ? value.asDouble() - 1 : null;
            case "in" -> value != null && value.isArray() && !value.isEmpty() ? plain(value.get(0)) : null;
            case "exists" -> "sample";
            case "is_true" -> true;
            case "is_false" -> false;
            default -> null;
        };
    }

    private static Object plain(JsonNode value) {
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asString();
    }
}
