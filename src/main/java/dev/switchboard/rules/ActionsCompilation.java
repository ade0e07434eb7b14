package dev.switchboard.rules;

import dev.switchboard.mapping.CompiledAction;
import dev.switchboard.mapping.MappingProblem;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The seam to the mapping module: compiles a rule's {@code actions} array. Production binds it to
 * {@code actionCompiler::compile}; it is an interface only because {@code ActionCompiler} is final and unit tests
 * need to stand in for it.
 */
@FunctionalInterface
public interface ActionsCompilation {

    /** Same contract as {@code ActionCompiler.compile}: when {@code problems} grows, the result is unusable. */
    List<CompiledAction> compile(JsonNode actions, String location, List<MappingProblem> problems);
}
