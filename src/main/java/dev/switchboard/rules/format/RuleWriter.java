package dev.switchboard.rules.format;

import dev.switchboard.rules.Condition;
import dev.switchboard.rules.MatchSpec;
import dev.switchboard.rules.RuleDefinition;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a definition back as canonical rule JSON: every field, defaults included, in the order of the rule
 * format, so that export followed by import gives the same definition.
 */
public final class RuleWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RuleWriter() {}

    public static ObjectNode write(RuleDefinition rule) {
        ObjectNode json = NODES.objectNode();
        json.put("key", rule.key());
        json.put("name", rule.name());
        json.put("description", rule.description());
        json.put("enabled", rule.enabled());
        json.put("priority", rule.priority());
        json.put("stopProcessing", rule.stopProcessing());
        json.set("when", when(rule.when()));
        json.set("actions", rule.actions());
        return json;
    }

    private static ObjectNode when(MatchSpec when) {
        ObjectNode json = NODES.objectNode();
        json.set("type", strings(when.types()));
        json.set("event", strings(when.events()));
        json.set("all", conditions(when.all()));
        json.set("any", conditions(when.any()));
        if (when.expression() == null) {
            json.putNull("expression");
        } else {
            json.put("expression", when.expression());
        }
        return json;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode conditions(List<Condition> conditions) {
        ArrayNode array = NODES.arrayNode();
        conditions.forEach(c -> array.add(condition(c)));
        return array;
    }

    private static JsonNode condition(Condition condition) {
        ObjectNode json = NODES.objectNode();
        if (condition instanceof Condition.Test test) {
            json.put("path", test.path());
            json.put("op", test.op().wireName());
            JsonNode value = test.value();
            if (value != null) {
                json.set("value", value);
            }
            if (test.ignoreCase()) {
                json.put("ignoreCase", true);
            }
        } else if (condition instanceof Condition.All all) {
            json.set("all", conditions(all.conditions()));
        } else if (condition instanceof Condition.Any any) {
            json.set("any", conditions(any.conditions()));
        } else if (condition instanceof Condition.Not not) {
            json.set("not", condition(not.condition()));
        }
        return json;
    }
}
