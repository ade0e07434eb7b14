package dev.switchboard.message;

import java.util.List;
import java.util.Map;

/** Reading typed values out of a message tree without casting at every call site. */
public final class Messages {

    private Messages() {}

    /** The string at a top-level field, or {@code null} when it is absent or not a string. */
    public static String string(Map<String, Object> message, String field) {
        return message.get(field) instanceof String s ? s : null;
    }

    /** The JSON type name of a value as a marketer reads it: string, number, boolean, object, array, null. */
    public static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }
}
