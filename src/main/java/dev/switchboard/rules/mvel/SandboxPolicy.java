package dev.switchboard.rules.mvel;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an expression may name. Values reachable from a message are only maps, lists, strings, numbers and
 * booleans, and every allowed method returns one of those again, so the allow-list by method name keeps an
 * expression inside plain JSON values.
 */
final class SandboxPolicy {

    /** The top-level fields of a Segment message (spec v2); an absent one reads as null. */
    static final Set<String> VARIABLES = Set.of(
            "type",
            "event",
            "name",
            "category",
            "properties",
            "traits",
            "context",
            "userId",
            "anonymousId",
            "groupId",
            "previousId",
            "messageId",
            "timestamp",
            "sentAt",
            "receivedAt",
            "originalTimestamp",
            "integrations",
            "channel",
            "version");

    /**
     * String, Number, Boolean, List and Map methods that only read. {@code String.matches} is left out on
     * purpose: a regular expression on event text can run for minutes (catastrophic backtracking); use the
     * {@code matches} operator of a condition instead.
     */
    static final Set<String> METHODS = Set.of(
            "length",
            "startsWith",
            "endsWith",
            "contains",
            "toLowerCase",
            "toUpperCase",
            "trim",
            "isEmpty",
            "equals",
            "equalsIgnoreCase",
            "indexOf",
            "substring",
            "intValue",
            "longValue",
            "doubleValue",
            "booleanValue",
            "size",
            "get",
            "containsKey");

    private static final Map<String, String> REFUSED_WORDS = Map.ofEntries(
            Map.entry("new", "creating objects (new) is not allowed"),
            Map.entry("import", "imports are not allowed"),
            Map.entry("def", "function definitions are not allowed"),
            Map.entry("function", "function definitions are not allowed"),
            Map.entry("for", "loops are not allowed"),
            Map.entry("foreach", "loops are not allowed"),
            Map.entry("while", "loops are not allowed"),
            Map.entry("do", "loops are not allowed"),
            Map.entry("until", "loops are not allowed"),
            Map.entry("with", "with blocks are not allowed"),
            Map.entry("this", "only message fields can be read"),
            Map.entry("var", "declaring variables is not allowed"),
            Map.entry("if", "use the ternary a ? b : c instead of if"),
            Map.entry("return", "write the expression alone, without return"),
            Map.entry("class", "reflection is not allowed"),
            Map.entry("getClass", "reflection is not allowed"),
            Map.entry("getClassLoader", "reflection is not allowed"),
            Map.entry("forName", "reflection is not allowed"),
            Map.entry("java", "class references are not allowed"),
            Map.entry("javax", "class references are not allowed"));

    private SandboxPolicy() {}

    /** Why a bare identifier may not be used, or {@code null} when it names a message variable. */
    static @Nullable String refusal(String identifier) {
        if (VARIABLES.contains(identifier)) {
            return null;
        }
        String reason = REFUSED_WORDS.get(identifier);
        if (reason != null) {
            return reason;
        }
        if (Character.isUpperCase(identifier.charAt(0))) {
            return "class references are not allowed (" + identifier + ")";
        }
        return "\"" + identifier + "\" is not a message variable; use one of " + String.join(", ", sortedVariables());
    }

    /** Why a word may never appear (loops, new, reflection...), or {@code null}. */
    static @Nullable String forbiddenWord(String word) {
        return REFUSED_WORDS.get(word);
    }

    /** Why a method may not be called, or {@code null} when it is on the allow-list. */
    static @Nullable String methodRefusal(String method) {
        if (METHODS.contains(method)) {
            return null;
        }
        String reason = REFUSED_WORDS.get(method);
        if (reason != null) {
            return reason;
        }
        return "method " + method + "() is not allowed; allowed are "
                + String.join(", ", METHODS.stream().sorted().toList());
    }

    private static java.util.List<String> sortedVariables() {
        return VARIABLES.stream().sorted().toList();
    }
}
