package dev.switchboard.mapping;

import dev.switchboard.message.CompactJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A message value as text, the way a person writes it: {@code 3} not {@code 3.0}, nothing for null. */
final class ValueText {

    private ValueText() {}

    static String of(@Nullable Object value) {
        if (value == null || value == MappedValue.ABSENT) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return CompactJson.write(value);
        }
        return String.valueOf(value);
    }

    static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            // BigDecimal.valueOf keeps the shortest decimal form (114.9, not 114.90000000000000568...).
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (n instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }
}
