package dev.switchboard.mapping;

import dev.switchboard.message.Messages;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one action for one message and checks each against what Novu takes. An id may come as a
 * string or a number (rendered {@code 42}, not {@code 42.0}); an optional field that is absent or JSON null is
 * left out; anything else of the wrong type throws {@link InvalidFieldException} naming the field and why.
 */
final class FieldReader {

    private final Map<String, Object> message;

    FieldReader(Map<String, Object> message) {
        this.message = message;
    }

    @Nullable
    Object resolve(MappedValue value) {
        return value.resolve(message);
    }

    @Nullable
    String userId() {
        return Messages.string(message, "userId");
    }

    String messageId() {
        String messageId = Messages.string(message, "messageId");
        if (messageId == null || messageId.isEmpty()) {
            throw InvalidFieldException.of(
                    "messageId", "the message has no messageId, so no repeat-safe transactionId can be derived");
        }
        return messageId;
    }

    String requiredId(MappedValue value, String field) {
        return id(resolve(value), field, value.describe(), value.absentReason());
    }

    @Nullable
    String optionalId(@Nullable MappedValue value, String field) {
        if (value == null) {
            return null;
        }
        Object resolved = resolve(value);
        return resolved == MappedValue.ABSENT || resolved == null
                ? null
                : id(resolved, field, value.describe(), value.absentReason());
    }

    @Nullable
    String optionalText(@Nullable MappedValue value, String field) {
        return value == null ? null : text(resolve(value), field, value.describe());
    }

    @Nullable
    Map<String, Object> optionalObject(@Nullable MappedValue value, String field) {
        return value == null ? null : object(resolve(value), field, value.describe());
    }

    static String id(@Nullable Object value, String field, String source, String absentReason) {
        if (value == MappedValue.ABSENT) {
            throw InvalidFieldException.of(field, absentReason);
        }
        if (value == null) {
            throw InvalidFieldException.of(field, source + " is null");
        }
        if (value instanceof String s) {
            if (s.isEmpty()) {
                throw InvalidFieldException.of(field, source + " is an empty string");
            }
            return s;
        }
        if (value instanceof Number n) {
            return ValueText.number(n);
        }
        throw wrongType(field, source, value, "a string");
    }

    static @Nullable String text(@Nullable Object value, String field, String source) {
        if (value == MappedValue.ABSENT || value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return ValueText.number(n);
        }
        throw wrongType(field, source, value, "a string");
    }

    @SuppressWarnings("unchecked")
    static @Nullable Map<String, Object> object(@Nullable Object value, String field, String source) {
        if (value == MappedValue.ABSENT || value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(field, source, value, "an object");
    }

    static InvalidFieldException wrongType(String field, String source, Object value, String expected) {
        return InvalidFieldException.of(
                field, source + " is " + withArticle(Messages.jsonType(value)) + ", expected " + expected);
    }

    static String withArticle(String jsonType) {
        return (jsonType.equals("object") || jsonType.equals("array") ? "an " : "a ") + jsonType;
    }
}
