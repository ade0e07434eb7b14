package dev.switchboard.message;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JsonSmartJsonProvider;
import com.jayway.jsonpath.spi.mapper.JsonSmartMappingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSONPath over a Segment message, compiled once per rule version and read many times.
 *
 * <p>Simple paths ({@code $.properties.total}, {@code $.context.traits['first name']}, {@code $.items[0].sku})
 * become a direct walk over the maps and lists, which is several times faster than the general JSONPath
 * engine; everything else (wildcards, filters, deep scans) goes through Jayway JsonPath. Instances are
 * immutable and thread-safe.
 */
public abstract sealed class MessagePath permits MessagePath.Direct, MessagePath.General {

    private static final Pattern SIMPLE_SEGMENT =
            Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\['([^'\\\\]*)'\\]|\\[(\\d+)\\]");

    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JsonSmartJsonProvider())
            .mappingProvider(new JsonSmartMappingProvider())
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String expression;

    private MessagePath(String expression) {
        this.expression = expression;
    }

    /**
     * Compiles a path.
     *
     * @throws IllegalArgumentException with a readable reason when the path is not valid JSONPath
     */
    public static MessagePath compile(String expression) {
        String trimmed = expression.trim();
        if (!trimmed.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with $, as in $.properties.total");
        }
        if (!balanced(trimmed)) {
            throw new IllegalArgumentException("unbalanced brackets, parentheses or quotes in " + trimmed);
        }
        List<Object> segments = simpleSegments(trimmed);
        if (segments != null) {
            return new Direct(trimmed, segments);
        }
        try {
            return new General(trimmed, JsonPath.compile(trimmed));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The path as written. */
    public String expression() {
        return expression;
    }

    /** Whether the path selects at most one value (no wildcard, filter or deep scan). */
    public abstract boolean isDefinite();

    /**
     * Every value the path selects in the document. A path that selects nothing gives an empty list; a field
     * that is present with a JSON {@code null} gives a list holding {@code null}.
     */
    public abstract List<Object> read(Object document);

    @Override
    public String toString() {
        return expression;
    }

    /** Jayway quietly accepts some unfinished paths ({@code $.a[}); a typo must be an error, not a guess. */
    private static boolean balanced(String path) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && --depth < 0) {
                return false;
            }
        }
        return depth == 0 && quote == 0;
    }

    private static List<Object> simpleSegments(String path) {
        List<Object> segments = new ArrayList<>();
        var matcher = SIMPLE_SEGMENT.matcher(path);
        int position = 1;
        while (position < path.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                return null;
            }
            if (matcher.group(1) != null) {
                segments.add(matcher.group(1));
            } else if (matcher.group(2) != null) {
                segments.add(matcher.group(2));
            } else {
                segments.add(Integer.valueOf(matcher.group(3)));
            }
            position = matcher.end();
        }
        return List.copyOf(segments);
    }

    static final class Direct extends MessagePath {

        private static final Object ABSENT = new Object();
        private final Object[] segments;

        Direct(String expression, List<Object> segments) {
            super(expression);
            this.segments = segments.toArray();
        }

        @Override
        public boolean isDefinite() {
            return true;
        }

        @Override
        public List<Object> read(Object document) {
            Object current = document;
            for (Object segment : segments) {
                current = step(current, segment);
                if (current == ABSENT) {
                    return List.of();
                }
            }
            List<Object> result = new ArrayList<>(1);
            result.add(current);
            return result;
        }

        private static Object step(Object current, Object segment) {
            if (segment instanceof String name && current instanceof Map<?, ?> map) {
                Object value = map.get(name);
                return value != null || map.containsKey(name) ? value : ABSENT;
            }
            if (segment instanceof Integer index && current instanceof List<?> list) {
                return index < list.size() ? list.get(index) : ABSENT;
            }
            return ABSENT;
        }
    }

    static final class General extends MessagePath {

        private final JsonPath compiled;

        General(String expression, JsonPath compiled) {
            super(expression);
            this.compiled = compiled;
        }

        @Override
        public boolean isDefinite() {
            return compiled.isDefinite();
        }

        @Override
        public List<Object> read(Object document) {
            Object result = compiled.read(document, JSON_PATH);
            return result instanceof List<?> list ? new ArrayList<>(list) : List.of();
        }
    }
}
