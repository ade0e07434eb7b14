package dev.switchboard.rules;

import tools.jackson.databind.JsonNode;

/**
 * A rule as written in the rule format, defaults applied. Immutable: the actions' JSON is copied in and out,
 * because JSON nodes are mutable and a definition is shared between the catalog, the compiler and export.
 *
 * @param actions the {@code actions} array as given; the mapping module owns its meaning
 */
public record RuleDefinition(
        String key,
        String name,
        String description,
        boolean enabled,
        int priority,
        boolean stopProcessing,
        MatchSpec when,
        JsonNode actions) {

    public static final int DEFAULT_PRIORITY = 100;

    public RuleDefinition {
        actions = actions.deepCopy();
    }

    @Override
    public JsonNode actions() {
        return actions.deepCopy();
    }
}
