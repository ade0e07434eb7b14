package dev.switchboard.message;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON tree of plain values compactly, keeping map order: a Novu request body is written once with it
 * (Novu's idempotency fingerprint is sensitive to property order), and so are every stored message and the
 * explanations of the rules it met.
 *
 * <p>The trees written here are what parsing JSON gives (maps with string keys, lists, strings, numbers,
 * booleans, null), and intake writes several per message, so they are written by hand into one
 * {@link StringBuilder}: going through {@code ObjectMapper} cost a generator, a pooled buffer and a serializer
 * lookup per value, about 40% of evaluating an event. The output is exactly Jackson's default (same escapes,
 * same number forms; {@code CompactJsonTests} compares them), and anything else falls back to Jackson.
 */
public final class CompactJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Per ASCII character: 0 written as is, else the character after the backslash ('u': {@code \\u00XX}). */
    private static final char[] ESCAPES = escapes();

    private CompactJson() {}

    public static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder(256);
        return append(out, value) ? out.toString() : MAPPER.writeValueAsString(value);
    }

    /**
     * Appends the value; false if the tree holds something this writer does not know, in which case {@code out}
     * holds part of it and must be discarded (Jackson writes such a value).
     */
    public static boolean append(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof Map<?, ?> map) {
            return appendMap(out, map);
        } else if (value instanceof List<?> list) {
            return appendList(out, list);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double number && Double.isFinite(number)) {
            out.append(number.doubleValue());
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            out.append(value);
        } else {
            return false;
        }
        return true;
    }

    private static boolean appendMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                return false;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, key);
            out.append(':');
            if (!append(out, entry.getValue())) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    private static boolean appendList(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0, size = list.size(); i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (!append(out, list.get(i))) {
                return false;
            }
        }
        out.append(']');
        return true;
    }

    /** Appends a JSON string, quoted and escaped as Jackson does. */
    public static void appendString(StringBuilder out, String text) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (c < ESCAPES.length && ESCAPES[c] != 0) {
                out.append(text, plainFrom, i).append('\\').append(ESCAPES[c]);
                if (ESCAPES[c] == 'u') {
                    out.append("00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                plainFrom = i + 1;
            }
        }
        out.append(text, plainFrom, text.length()).append('"');
    }

    /** Jackson's default output escapes: quote, backslash, and control characters (five with short forms). */
    private static char[] escapes() {
        char[] escapes = new char[128];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = 'u';
        }
        escapes['"'] = '"';
        escapes['\\'] = '\\';
        escapes['\b'] = 'b';
        escapes['\t'] = 't';
        escapes['\f'] = 'f';
        escapes['\n'] = 'n';
        escapes['\r'] = 'r';
        return escapes;
    }
}
