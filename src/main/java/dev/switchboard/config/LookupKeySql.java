package dev.switchboard.config;

/**
 * {@code LookupKeys.keyOf} in each database's SQL: the first 8 bytes of a text's UTF-8 SHA-256, as a bigint. Used
 * where keys are computed for many rows at once (migration 70, tests and load tools that write rows set-based);
 * the application computes them in Java. {@code LookupKeysTests} checks both spellings against the Java one.
 */
public final class LookupKeySql {

    private LookupKeySql() {}

    /** The key of a text expression (null for null) on PostgreSQL, or on H2 when {@code postgres} is false. */
    public static String of(String text, boolean postgres) {
        return postgres
                ? "('x' || left(encode(sha256(convert_to(" + text + ", 'UTF8')), 'hex'), 16))::bit(64)::bigint"
                // H2's HASH takes a text's UTF-8 bytes.
                : "cast(substring(hash('SHA-256', " + text + ") from 1 for 8) as bigint)";
    }
}
