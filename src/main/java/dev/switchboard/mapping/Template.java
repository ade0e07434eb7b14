package dev.switchboard.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @template} split once into text and placeholders. {@code {{a.b}}} reads a dotted path of the scope
 * (a number segment indexes an array: {@code {{products.0.name}}}); what is absent or null reads as empty.
 */
final class Template {

    private static final Pattern DOTTED_PATH = Pattern.compile("[^.\\s{}]+(\\.[^.\\s{}]+)*");

    private final String source;
    /** A {@code String} is text, a {@code String[]} a placeholder's path segments. */
    private final List<Object> parts;

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws IllegalArgumentException with a readable reason when a placeholder is unclosed or not a dotted path
     */
    static Template parse(String source) {
        List<Object> parts = new ArrayList<>();
        int position = 0;
        while (position < source.length()) {
            int open = source.indexOf("{{", position);
            if (open < 0) {
                parts.add(source.substring(position));
                break;
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("the {{ at position " + open + " is never closed with }}");
            }
            if (open > position) {
                parts.add(source.substring(position, open));
            }
            String path = source.substring(open + 2, close).trim();
            if (!DOTTED_PATH.matcher(path).matches()) {
                throw new IllegalArgumentException(
                        "{{" + path + "}} at position " + open + " is not a dotted path such as {{traits.firstName}}");
            }
            parts.add(path.split("\\."));
            position = close + 2;
        }
        return new Template(source, parts);
    }

    String source() {
        return source;
    }

    String render(Object scope) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.append(text);
            } else {
                out.append(ValueText.of(read(scope, (String[]) part)));
            }
        }
        return out.toString();
    }

    private static @Nullable Object read(Object scope, String[] segments) {
        Object current = scope;
        for (String segment : segments) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && isIndex(segment)) {
                int index = Integer.parseInt(segment);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    private static boolean isIndex(String segment) {
        return segment.length() < 10 && segment.chars().allMatch(Character::isDigit);
    }
}
