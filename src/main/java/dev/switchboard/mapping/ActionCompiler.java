package dev.switchboard.mapping;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Compiles the {@code actions} array of a rule, reporting every problem at once with its location. */
public final class ActionCompiler {

    /**
     * @param actions the {@code actions} member of a rule as parsed JSON
     * @param location where the array sits, e.g. {@code actions}; problems are located below it
     * @param problems receives every problem found; when it grows, the returned list must not be used
     */
    public List<CompiledAction> compile(JsonNode actions, String location, List<MappingProblem> problems) {
        throw new UnsupportedOperationException("not yet");
    }
}
