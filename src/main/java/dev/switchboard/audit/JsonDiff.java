package dev.switchboard.audit;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What changed between two JSON documents: {@code [{"path": "/when/all/0/value", "before": 20, "after": 50}]}. */
final class JsonDiff {

    private JsonDiff() {}

    static ArrayNode diff(JsonNode before, JsonNode after) {
        ArrayNode changes = JsonNodeFactory.instance.arrayNode();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String path, JsonNode before, JsonNode after, ArrayNode changes) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>(before.propertyNames());
            keys.addAll(after.propertyNames());
            for (String key : keys) {
                walk(
                        path + "/" + key.replace("~", "~0").replace("/", "~1"),
                        value(before.get(key)),
                        value(after.get(key)),
                        changes);
            }
            return;
        }
        if (before.isArray() && after.isArray()) {
            int size = Math.max(before.size(), after.size());
            for (int i = 0; i < size; i++) {
                walk(path + "/" + i, value(before.get(i)), value(after.get(i)), changes);
            }
            return;
        }
        ObjectNode change = changes.addObject();
        change.put("path", path.isEmpty() ? "/" : path);
        change.set("before", before);
        change.set("after", after);
    }

    private static JsonNode value(JsonNode node) {
        return node == null ? JsonNodeFactory.instance.nullNode() : node;
    }
}
