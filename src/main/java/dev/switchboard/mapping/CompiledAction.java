package dev.switchboard.mapping;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One action of a rule version, compiled once (paths, templates) and rendered for each matching message. */
public interface CompiledAction {

    ActionType type();

    /** The action as it is written in the rule format, defaults included, for export and display. */
    JsonNode definition();

    /** Maps the message into the call this action makes, or says why it cannot be made. Thread-safe. */
    ActionOutcome render(Map<String, Object> message, ActionContext context);
}
