package dev.switchboard.message;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * What a masked value is replaced with, and how text that may repeat a masked value (an explanation, Novu's
 * answer, a dry-run request) is cleaned before it is stored.
 */
public final class Masking {

    /** Stored instead of a masked value. */
    public static final String MASK = "[masked]";

    /** Values shorter than this are only replaced where they stand as a whole JSON string ({@code "ab"}). */
    private static final int MIN_FREE_LENGTH = 4;

    private Masking() {}

    /** {@code text} with every occurrence of each of {@code values} replaced by {@link #MASK}. */
    public static @Nullable String scrub(@Nullable String text, Collection<String> values) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values) {
            if (value.isEmpty()) {
                continue;
            }
            if (value.length() >= MIN_FREE_LENGTH) {
                result = result.replace(value, MASK);
                String escaped = jsonEscaped(value);
                if (!escaped.equals(value)) {
                    result = result.replace(escaped, MASK);
                }
            } else {
                result = result.replace("\"" + jsonEscaped(value) + "\"", "\"" + MASK + "\"");
            }
        }
        return result;
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
