package dev.switchboard.mapping;

import dev.switchboard.message.MessagePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Compiles the JSON of a mapped value (a literal or one of the {@code @} directives) into a {@link MappedValue},
 * reporting every problem with its location. A value with problems compiles to {@link MappedValue.Nothing}.
 */
final class MappedValueCompiler {

    static final List<String> DIRECTIVES = List.of("@path", "@template", "@literal", "@if", "@arrayPath");

    private static final Set<String> IF_BRANCHES = Set.of("then", "else");

    private final List<MappingProblem> problems;

    MappedValueCompiler(List<MappingProblem> problems) {
        this.problems = problems;
    }

    /** Whether a node is written as a directive (an object with an {@code @} key) rather than an object literal. */
    static boolean isDirective(JsonNode node) {
        return node.isObject() && node.propertyNames().stream().anyMatch(name -> name.startsWith("@"));
    }

    MappedValue compile(JsonNode node, String location) {
        if (isDirective(node)) {
            return directive(node, location);
        }
        if (node.isObject()) {
            Map<String, MappedValue> members = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                members.put(member.getKey(), compile(member.getValue(), location + "." + member.getKey()));
            }
            return new MappedValue.ObjectOf(Collections.unmodifiableMap(members));
        }
        if (node.isArray()) {
            List<MappedValue> elements = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                elements.add(compile(node.get(i), location + "[" + i + "]"));
            }
            return new MappedValue.ArrayOf(List.copyOf(elements));
        }
        return new MappedValue.Constant(JsonValues.toPlain(node));
    }

    private MappedValue directive(JsonNode node, String location) {
        List<String> directives = node.propertyNames().stream()
                .filter(name -> name.startsWith("@"))
                .toList();
        if (directives.size() > 1) {
            return problem(location, "a value holds one directive, found " + String.join(" and ", directives));
        }
        String directive = directives.get(0);
        if (!DIRECTIVES.contains(directive)) {
            return problem(
                    location + "." + directive,
                    "unknown directive " + directive + "; directives are " + String.join(", ", DIRECTIVES));
        }
        boolean extraKeys = false;
        for (String name : node.propertyNames()) {
            boolean allowed = name.equals(directive) || (directive.equals("@if") && IF_BRANCHES.contains(name));
            if (!allowed) {
                problem(location + "." + name, "not allowed next to " + directive);
                extraKeys = true;
            }
        }
        JsonNode argument = node.get(directive);
        String at = location + "." + directive;
        MappedValue value = switch (directive) {
            case "@path" -> path(argument, at);
            case "@template" -> template(argument, at);
            case "@literal" -> new MappedValue.Constant(JsonValues.toPlain(argument));
            case "@if" -> conditional(node, location);
            default -> arrayPath(argument, at);
        };
        return extraKeys ? new MappedValue.Nothing() : value;
    }

    private MappedValue path(JsonNode argument, String location) {
        MessagePath path = messagePath(argument, location);
        return path == null ? new MappedValue.Nothing() : new MappedValue.AtPath(path);
    }

    private MappedValue template(JsonNode argument, String location) {
        if (!argument.isString()) {
            return problem(location, "must be a string such as \"Hi {{traits.firstName}}\"");
        }
        try {
            return new MappedValue.Templated(Template.parse(argument.stringValue()));
        } catch (IllegalArgumentException e) {
            return problem(location, e.getMessage());
        }
    }

    private MappedValue conditional(JsonNode node, String location) {
        JsonNode test = node.get("@if");
        String at = location + ".@if";
        MappedValue exists = new MappedValue.Nothing();
        if (!test.isObject() || !test.has("exists") || test.size() != 1) {
            problem(at, "must be {\"exists\": <mapped value>}");
        } else {
            exists = compile(test.get("exists"), at + ".exists");
        }
        MappedValue then;
        if (node.has("then")) {
            then = compile(node.get("then"), location + ".then");
        } else {
            then = problem(location + ".then", "is required next to @if");
        }
        MappedValue otherwise =
                node.has("else") ? compile(node.get("else"), location + ".else") : new MappedValue.Nothing();
        return new MappedValue.Conditional(exists, then, otherwise);
    }

    private MappedValue arrayPath(JsonNode argument, String location) {
        if (!argument.isArray() || argument.isEmpty() || argument.size() > 2) {
            return problem(location, "must be [\"$.path.to.array\"] or [\"$.path.to.array\", {element shape}]");
        }
        MessagePath path = messagePath(argument.get(0), location + "[0]");
        @Nullable MappedValue shape = argument.size() == 2 ? compile(argument.get(1), location + "[1]") : null;
        return path == null ? new MappedValue.Nothing() : new MappedValue.EachElement(path, shape);
    }

    private @Nullable MessagePath messagePath(JsonNode argument, String location) {
        if (!argument.isString()) {
            problem(location, "must be a JSONPath string such as \"$.properties.total\"");
            return null;
        }
        try {
            return MessagePath.compile(argument.stringValue());
        } catch (IllegalArgumentException e) {
            problem(location, "invalid JSONPath: " + e.getMessage());
            return null;
        }
    }

    private MappedValue problem(String location, String message) {
        problems.add(new MappingProblem(location, message));
        return new MappedValue.Nothing();
    }
}
