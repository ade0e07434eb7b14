package dev.switchboard.mapping;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one action object (or of {@code to}) while it compiles: each is compiled as a mapped value and
 * checked as far as it can be without a message (present when required, a literal of the right type).
 */
final class ActionFields {

    private static final Set<String> ID_TYPES = Set.of("string", "number");

    private final JsonNode node;
    private final String location;
    private final ActionType type;
    private final List<MappingProblem> problems;
    private final MappedValueCompiler compiler;

    ActionFields(JsonNode node, String location, ActionType type, List<MappingProblem> problems) {
        this.node = node;
        this.location = location;
        this.type = type;
        this.problems = problems;
        this.compiler = new MappedValueCompiler(problems);
    }

    ActionType type() {
        return type;
    }

    String location() {
        return location;
    }

    String location(String field) {
        return location + "." + field;
    }

    List<MappingProblem> problems() {
        return problems;
    }

    boolean has(String field) {
        return node.has(field);
    }

    @Nullable
    JsonNode raw(String field) {
        return node.get(field);
    }

    ActionFields nested(String field) {
        return new ActionFields(node.get(field), location(field), type, problems);
    }

    /** Reports every field that is not one of {@code allowed}, listing the allowed ones. */
    void allowOnly(List<String> allowed, String owner) {
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                problem(name, "unknown field of " + owner + "; its fields are " + String.join(", ", allowed));
            }
        }
    }

    @Nullable
    MappedValue optional(String field) {
        return node.has(field) ? compiler.compile(node.get(field), location(field)) : null;
    }

    MappedValue required(String field) {
        if (!node.has(field)) {
            problem(field, "is required for " + type.wireName());
            return new MappedValue.Nothing();
        }
        return compiler.compile(node.get(field), location(field));
    }

    MappedValue requiredId(String field) {
        MappedValue value = required(field);
        expect(value, field, ID_TYPES, "a string");
        if (value instanceof MappedValue.Constant constant && "".equals(constant.value())) {
            problem(field, "must not be empty");
        }
        return value;
    }

    @Nullable
    MappedValue optionalId(String field) {
        MappedValue value = optional(field);
        expect(value, field, ID_TYPES, "a string");
        return value;
    }

    @Nullable
    MappedValue optionalText(String field) {
        MappedValue value = optional(field);
        expect(value, field, Set.of("string", "number", "null"), "a string");
        return value;
    }

    @Nullable
    MappedValue optionalObject(String field) {
        MappedValue value = optional(field);
        expect(value, field, Set.of("object", "null"), "an object");
        return value;
    }

    @Nullable
    DurationField optionalDuration(String field) {
        MappedValue value = optional(field);
        return value == null ? null : DurationField.compile(value, location(field), problems);
    }

    void problem(String field, String message) {
        problems.add(new MappingProblem(location(field), message));
    }

    private void expect(@Nullable MappedValue value, String field, Set<String> types, String expected) {
        String fixed = value == null ? null : value.fixedType();
        if (fixed != null && !types.contains(fixed)) {
            problem(field, "must be " + expected + ", not " + FieldReader.withArticle(fixed));
        }
    }
}
