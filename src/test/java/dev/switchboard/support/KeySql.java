package dev.switchboard.support;

/**
 * {@code LookupKeys.keyOf} written in each database's SQL, for tests and load tools that write rows set-based (the
 * application computes keys in Java; the two spellings are checked against it in {@code LookupKeysTests}).
 */
public final class KeySql {

    private KeySql() {}

    /** The key of a text expression on PostgreSQL: the first 8 bytes of its UTF-8 SHA-256 as a bigint. */
    public static String postgres(String text) {
        return "('x' || left(encode(sha256(convert_to(" + text + ", 'UTF8')), 'hex'), 16))::bit(64)::bigint";
    }

    /** The same on H2, whose HASH takes a text's UTF-8 bytes. */
    public static String h2(String text) {
        return "cast(substring(hash('SHA-256', " + text + ") from 1 for 8) as bigint)";
    }

    public static String of(String text, boolean postgres) {
        return postgres ? postgres(text) : h2(text);
    }
}
