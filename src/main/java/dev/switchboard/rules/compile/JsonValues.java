package dev.switchboard.rules.compile;

import dev.switchboard.message.IsoTimes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** How values of a message compare with the values a rule gives: numbers as numbers, also when sent as text. */
final class JsonValues {

    private static final Pattern NUMERIC = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private JsonValues() {}

    /** A number, or a string that holds one ({@code "50"}); {@code null} for anything else. */
    static @Nullable BigDecimal number(@Nullable Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            // valueOf goes through Double.toString, so 114.9 stays 114.9 instead of its binary expansion
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value instanceof String text && NUMERIC.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        return null;
    }

    /** An ISO-8601 instant, offset date-time or date (start of day, UTC); {@code null} for anything else. */
    static @Nullable Instant instant(@Nullable Object value) {
        if (!(value instanceof String text) || text.length() < 10 || !Character.isDigit(text.charAt(0))) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return IsoTimes.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** JSON equality, with numbers compared as numbers (also a number against a numeric string). */
    static boolean same(@Nullable Object expected, @Nullable Object actual, boolean ignoreCase) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected instanceof String e && actual instanceof String a) {
            return ignoreCase ? e.equalsIgnoreCase(a) : e.equals(a);
        }
        if (expected instanceof Number || actual instanceof Number) {
            BigDecimal e = number(expected);
            BigDecimal a = number(actual);
            return e != null && a != null && e.compareTo(a) == 0;
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(e.get(i), a.get(i), ignoreCase)) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            return e.size() == a.size()
                    && e.entrySet().stream()
                            .allMatch(entry -> a.containsKey(entry.getKey())
                                    && same(entry.getValue(), a.get(entry.getKey()), ignoreCase));
        }
        return expected.equals(actual);
    }

    /** The rule's JSON value as the same kind of plain Java value a message holds (numbers as BigDecimal). */
    static @Nullable Object toJava(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (String name : node.propertyNames()) {
            map.put(name, toJava(node.get(name)));
        }
        return map;
    }

    /** How a hint shows a value: strings quoted, others as JSON would print them. */
    static String show(@Nullable Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
