package dev.switchboard.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Novu subscriber ({@code SubscriberPayloadDto} in a trigger's {@code to}, {@code CreateSubscriberRequestDto}
 * for identify), written field by field or as one mapped value that gives an object.
 *
 * <p>Profile fields that are absent or JSON null are left out rather than sent as null: Novu upserts the
 * subscriber, and a null would wipe what it already knows whenever an event simply lacks the trait. Keys of a
 * mapped object that are not subscriber fields are dropped.
 */
final class SubscriberMapping {

    static final List<String> PROFILE_FIELDS =
            List.of("email", "phone", "firstName", "lastName", "avatar", "locale", "timezone");
    static final List<String> FIELDS =
            List.of("subscriberId", "email", "phone", "firstName", "lastName", "avatar", "locale", "timezone", "data");

    private final String prefix;
    private final @Nullable Map<String, MappedValue> fields;
    private final @Nullable MappedValue whole;

    private SubscriberMapping(String prefix, @Nullable Map<String, MappedValue> fields, @Nullable MappedValue whole) {
        this.prefix = prefix;
        this.fields = fields;
        this.whole = whole;
    }

    /** Compiles the subscriber fields of {@code fields}; problem locations and reasons name them with {@code prefix}. */
    static SubscriberMapping compileFields(ActionFields fields, String prefix) {
        Map<String, MappedValue> compiled = new LinkedHashMap<>();
        compiled.put("subscriberId", fields.requiredId("subscriberId"));
        for (String field : PROFILE_FIELDS) {
            MappedValue value = fields.optionalText(field);
            if (value != null) {
                compiled.put(field, value);
            }
        }
        MappedValue data = fields.optionalObject("data");
        if (data != null) {
            compiled.put("data", data);
        }
        return new SubscriberMapping(prefix, compiled, null);
    }

    static SubscriberMapping whole(MappedValue value, String prefix) {
        return new SubscriberMapping(prefix, null, value);
    }

    Map<String, Object> render(FieldReader reader) {
        if (fields != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("subscriberId", reader.requiredId(fields.get("subscriberId"), prefix + "subscriberId"));
            for (String field : PROFILE_FIELDS) {
                putIfPresent(out, field, reader.optionalText(fields.get(field), prefix + field));
            }
            putIfPresent(out, "data", reader.optionalObject(fields.get("data"), prefix + "data"));
            return out;
        }
        MappedValue value = whole;
        Object resolved = reader.resolve(value);
        String field = prefix.isEmpty() ? "subscriber" : prefix.substring(0, prefix.length() - 1);
        if (resolved == MappedValue.ABSENT) {
            throw InvalidFieldException.of(field, value.absentReason());
        }
        if (!(resolved instanceof Map<?, ?> map)) {
            throw resolved == null
                    ? InvalidFieldException.of(field, value.describe() + " is null")
                    : FieldReader.wrongType(field, value.describe(), resolved, "an object with subscriberId");
        }
        return fromObject(map, value.describe());
    }

    /** A subscriber from an object the message holds (or a mapped object gave). */
    Map<String, Object> fromObject(Map<?, ?> map, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object id = map.containsKey("subscriberId") ? map.get("subscriberId") : MappedValue.ABSENT;
        out.put(
                "subscriberId",
                FieldReader.id(
                        id,
                        prefix + "subscriberId",
                        source + ".subscriberId",
                        "there is no subscriberId in " + source));
        for (String field : PROFILE_FIELDS) {
            putIfPresent(out, field, FieldReader.text(map.get(field), prefix + field, source + "." + field));
        }
        putIfPresent(out, "data", FieldReader.object(map.get("data"), prefix + "data", source + ".data"));
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String field, @Nullable Object value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
