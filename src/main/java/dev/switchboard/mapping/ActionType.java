package dev.switchboard.mapping;

import java.util.Arrays;
import java.util.Optional;

/** The action types of the rule format, with their names as written in rule JSON. */
public enum ActionType {
    TRIGGER("trigger"),
    IDENTIFY("identify"),
    DELETE_SUBSCRIBER("delete_subscriber"),
    ADD_TO_TOPIC("add_to_topic"),
    REMOVE_FROM_TOPIC("remove_from_topic"),
    CANCEL("cancel");

    private final String wireName;

    ActionType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ActionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
