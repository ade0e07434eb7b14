package dev.switchboard.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compiles the {@code actions} array of a rule, reporting every problem at once with its location.
 *
 * <p>Stateless and thread-safe. The compiled actions are immutable: paths and templates are compiled here once,
 * and rendering them per message only reads.
 */
public final class ActionCompiler {

    private static final String TYPES =
            Arrays.stream(ActionType.values()).map(ActionType::wireName).collect(Collectors.joining(", "));

    /**
     * @param actions the {@code actions} member of a rule as parsed JSON
     * @param location where the array sits, e.g. {@code actions}; problems are located below it
     * @param problems receives every problem found; when it grows, the returned list must not be used
     */
    public List<CompiledAction> compile(JsonNode actions, String location, List<MappingProblem> problems) {
        if (actions == null || !actions.isArray()) {
            problems.add(new MappingProblem(location, "must be an array of actions"));
            return List.of();
        }
        if (actions.isEmpty()) {
            problems.add(new MappingProblem(location, "a rule needs at least one action"));
            return List.of();
        }
        List<CompiledAction> compiled = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            CompiledAction action = compileOne(actions.get(i), location + "[" + i + "]", problems);
            if (action != null) {
                compiled.add(action);
            }
        }
        return List.copyOf(compiled);
    }

    private static @Nullable CompiledAction compileOne(JsonNode node, String location, List<MappingProblem> problems) {
        if (!node.isObject()) {
            problems.add(new MappingProblem(location, "an action is an object with a type"));
            return null;
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isString()) {
            problems.add(new MappingProblem(location + ".type", "is required; action types are " + TYPES));
            return null;
        }
        ActionType type = ActionType.fromWireName(typeNode.stringValue()).orElse(null);
        if (type == null) {
            problems.add(new MappingProblem(
                    location + ".type",
                    "unknown action type \"" + typeNode.stringValue() + "\"; action types are " + TYPES));
            return null;
        }
        ActionFields fields = new ActionFields(node, location, type, problems);
        return switch (type) {
            case TRIGGER -> TriggerAction.compile(fields, node);
            case IDENTIFY -> IdentifyAction.compile(fields, node);
            case DELETE_SUBSCRIBER -> DeleteSubscriberAction.compile(fields, node);
            case ADD_TO_TOPIC, REMOVE_FROM_TOPIC -> TopicAction.compile(fields, node);
            case CANCEL -> CancelAction.compile(fields, node);
        };
    }
}
