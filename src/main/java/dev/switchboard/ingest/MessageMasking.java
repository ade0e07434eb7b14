package dev.switchboard.ingest;

import dev.switchboard.message.Masking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Masks the configured paths ({@code switchboard.ingest.mask-paths}, e.g. {@code $.context.traits.email},
 * {@code $.context.ip}, {@code $.properties.items[*].card}) in a copy of a message before anything is stored.
 * The rules still see the real message, so a rule may send the email to Novu; what is kept in the audit log
 * (the message, the explanations, Novu's answers) never holds the masked value.
 */
@Component
class MessageMasking {

    static final String PATH = "\\$(?:\\.[A-Za-z0-9_$-]+|\\.\\*|\\['[^']*'\\]|\\[\\d+\\]|\\[\\*\\])+";

    private static final Pattern SEGMENT =
            Pattern.compile("\\.([A-Za-z0-9_$-]+)|\\.\\*|\\['([^']*)'\\]|\\[(\\d+)\\]|\\[\\*\\]");

    private static final Object ANY = new Object();

    /** A copy of the message with the masked values replaced, and the values that were masked. */
    record Masked(Object tree, Set<String> values) {}

    private final List<List<Object>> paths;
    private final JsonMapper json;

    MessageMasking(IngestProperties properties, JsonMapper json) {
        this.json = json;
        this.paths =
                properties.maskPaths().stream().map(MessageMasking::segments).toList();
    }

    boolean enabled() {
        return !paths.isEmpty();
    }

    Masked mask(Object message) {
        if (paths.isEmpty()) {
            return new Masked(message, Set.of());
        }
        Object copy = copy(message);
        Set<String> values = new LinkedHashSet<>();
        for (List<Object> path : paths) {
            mask(copy, path, 0, values);
        }
        return new Masked(copy, values);
    }

    /**
     * JSON pointers into a request body of the values that hold (or contain) a masked value, so dispatch can
     * clean Novu's answer of them later without the masked value ever being stored outside the request itself.
     */
    List<String> pointers(String body, Set<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> pointers = new ArrayList<>();
        try {
            collect(json.readTree(body), "", values, pointers);
        } catch (JacksonException e) {
            // Not JSON: nothing to point at.
        }
        return pointers;
    }

    private static void collect(JsonNode node, String pointer, Set<String> values, List<String> pointers) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                collect(entry.getValue(), pointer + "/" + escape(entry.getKey()), values, pointers);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, values, pointers);
            }
        } else if (node.isValueNode() && !node.isNull()) {
            String text = node.asString();
            for (String value : values) {
                if (!value.isEmpty() && text.contains(value)) {
                    pointers.add(pointer);
                    return;
                }
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    @SuppressWarnings("unchecked")
    private static void mask(Object node, List<Object> path, int at, Set<String> values) {
        Object segment = path.get(at);
        boolean last = at == path.size() - 1;
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> fields = (Map<String, Object>) map;
            List<String> keys = segment == ANY
                    ? new ArrayList<>(fields.keySet())
                    : segment instanceof String key && fields.containsKey(key) ? List.of(key) : List.of();
            for (String key : keys) {
                Object child = fields.get(key);
                if (last) {
                    if (child != null) {
                        leaves(child, values);
                        fields.put(key, Masking.MASK);
                    }
                } else if (child != null) {
                    mask(child, path, at + 1, values);
                }
            }
        } else if (node instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            List<Integer> indexes = new ArrayList<>();
            if (segment == ANY) {
                for (int i = 0; i < items.size(); i++) {
                    indexes.add(i);
                }
            } else if (segment instanceof Integer index && index < items.size()) {
                indexes.add(index);
            }
            for (int i : indexes) {
                Object child = items.get(i);
                if (last) {
                    if (child != null) {
                        leaves(child, values);
                        items.set(i, Masking.MASK);
                    }
                } else if (child != null) {
                    mask(child, path, at + 1, values);
                }
            }
        }
    }

    private static void leaves(Object node, Set<String> values) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> leaves(v, values));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> leaves(v, values));
        } else if (node != null && !(node instanceof Boolean)) {
            values.add(String.valueOf(node));
        }
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, v == null ? null : copy(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(v == null ? null : copy(v)));
            return copy;
        }
        return node;
    }

    static List<Object> segments(String path) {
        if (!path.matches(PATH)) {
            throw new IllegalArgumentException("not a simple path: " + path);
        }
        List<Object> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path.substring(1));
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                segments.add(matcher.group(1));
            } else if (matcher.group(2) != null) {
                segments.add(matcher.group(2));
            } else if (matcher.group(3) != null) {
                segments.add(Integer.valueOf(matcher.group(3)));
            } else {
                segments.add(ANY);
            }
        }
        return segments;
    }
}
