package dev.switchboard.mapping;

import dev.switchboard.message.MessagePath;
import dev.switchboard.message.Messages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mapped value of the rule format, compiled once. Resolving it against a scope (the message, or one element
 * inside {@code @arrayPath}) never fails: it gives a plain JSON tree value or {@link #ABSENT}. Type checks are
 * left to the action field that uses the value, which knows what it needs.
 */
sealed interface MappedValue {

    /** Nothing is there: the field that would hold it is left out of the request. */
    Object ABSENT = Absent.VALUE;

    /** The value for this scope: a plain JSON tree value ({@code null} for JSON null), or {@link #ABSENT}. */
    @Nullable
    Object resolve(Object scope);

    /** How the value is named in a reason: the path as written, or the directive. */
    String describe();

    /** Why resolving gave nothing, for the audit log. */
    default String absentReason() {
        return describe() + " is not present in the message";
    }

    /** The JSON type every resolution has, when it is known without a message; {@code null} when it depends. */
    default @Nullable String fixedType() {
        return null;
    }

    enum Absent {
        VALUE
    }

    /** A JSON literal, or the contents of {@code @literal}. */
    record Constant(@Nullable Object value) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            return value;
        }

        @Override
        public String describe() {
            return "the literal value";
        }

        @Override
        public String fixedType() {
            return Messages.jsonType(value);
        }
    }

    /** {@code {"@path": "$..."}}: a definite path gives its value; a wildcard gives the array of what it selects. */
    record AtPath(MessagePath path) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            List<Object> selected = path.read(scope);
            if (selected.isEmpty()) {
                return ABSENT;
            }
            if (path.isDefinite()) {
                return selected.get(0);
            }
            return Collections.unmodifiableList(selected);
        }

        @Override
        public String describe() {
            return path.expression();
        }
    }

    /** {@code {"@template": "Hi {{traits.firstName}}"}}. */
    record Templated(Template template) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            return template.render(scope);
        }

        @Override
        public String describe() {
            return "the template \"" + template.source() + "\"";
        }

        @Override
        public String fixedType() {
            return "string";
        }
    }

    /** {@code {"@if": {"exists": ...}, "then": ..., "else": ...}}; JSON null counts as not existing. */
    record Conditional(MappedValue exists, MappedValue then, MappedValue otherwise) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            Object tested = exists.resolve(scope);
            boolean present = tested != ABSENT && tested != null;
            return (present ? then : otherwise).resolve(scope);
        }

        @Override
        public String describe() {
            return "@if exists " + exists.describe();
        }

        @Override
        public String absentReason() {
            return "@if (exists " + exists.describe() + ") chose a branch that gave no value";
        }
    }

    /** The missing {@code else} of an {@code @if}. */
    record Nothing() implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            return ABSENT;
        }

        @Override
        public String describe() {
            return "no value";
        }
    }

    /**
     * {@code {"@arrayPath": [path, shape?]}}: the array at a definite path (or what a wildcard selects), each
     * element reshaped with the element as scope. Elements whose shape gives nothing are dropped.
     */
    record EachElement(MessagePath path, @Nullable MappedValue shape) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            List<Object> selected = path.read(scope);
            List<?> elements;
            if (!path.isDefinite()) {
                elements = selected;
            } else if (!selected.isEmpty() && selected.get(0) instanceof List<?> list) {
                elements = list;
            } else {
                return ABSENT;
            }
            if (elements.isEmpty() && !path.isDefinite()) {
                return ABSENT;
            }
            List<Object> result = new ArrayList<>(elements.size());
            for (Object element : elements) {
                // A JSON null element has nothing to read, so its shape sees an empty object.
                Object value = shape == null ? element : shape.resolve(element == null ? Map.of() : element);
                if (value != ABSENT) {
                    result.add(value);
                }
            }
            return Collections.unmodifiableList(result);
        }

        @Override
        public String describe() {
            return path.expression();
        }

        @Override
        public String absentReason() {
            return path.expression() + " is not an array in the message";
        }
    }

    /** An object of mapped values: members that give nothing are left out. */
    record ObjectOf(Map<String, MappedValue> members) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            Map<String, Object> result = new LinkedHashMap<>();
            members.forEach((name, member) -> {
                Object value = member.resolve(scope);
                if (value != ABSENT) {
                    result.put(name, value);
                }
            });
            return Collections.unmodifiableMap(result);
        }

        @Override
        public String describe() {
            return "the object";
        }

        @Override
        public String fixedType() {
            return "object";
        }
    }

    /** An array of mapped values: elements that give nothing are dropped, not kept as holes. */
    record ArrayOf(List<MappedValue> elements) implements MappedValue {
        @Override
        public @Nullable Object resolve(Object scope) {
            List<Object> result = new ArrayList<>(elements.size());
            for (MappedValue element : elements) {
                Object value = element.resolve(scope);
                if (value != ABSENT) {
                    result.add(value);
                }
            }
            return Collections.unmodifiableList(result);
        }

        @Override
        public String describe() {
            return "the array";
        }

        @Override
        public String fixedType() {
            return "array";
        }
    }
}
