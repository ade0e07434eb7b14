package dev.switchboard.rules.mvel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A token of a sandboxed expression, with its 1-based column. Characters MVEL would give meaning to are refused. */
record SandboxToken(Kind kind, String text, int column) {

    enum Kind {
        NUMBER,
        STRING,
        IDENTIFIER,
        SYMBOL,
        /** Something the sandbox refuses; the grammar reports it (with {@code text} as the reason) when it gets there. */
        REFUSED,
        END
    }

    private static final List<String> SYMBOLS = List.of(
            "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", "(", ")", "[", "]",
            ".", ",");

    private static final Map<Character, String> REFUSED = Map.of(
            '=', "assignment is not allowed",
            ';', "only one expression is allowed, not statements",
            '{', "blocks are not allowed",
            '}', "blocks are not allowed",
            '@', "interceptors and templates are not allowed",
            '$', "only message variables can be read",
            '#', "this character is not allowed",
            '~', "this character is not allowed",
            '`', "this character is not allowed");

    boolean is(Kind other) {
        return kind == other;
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    static List<SandboxToken> tokenize(String source) {
        List<SandboxToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c)) {
                i = number(source, i, tokens);
            } else if (c == '\'' || c == '"') {
                i = string(source, i, tokens);
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < source.length()
                        && (Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new SandboxToken(Kind.IDENTIFIER, source.substring(i, end), i + 1));
                i = end;
            } else {
                i = symbol(source, i, tokens);
            }
        }
        tokens.add(new SandboxToken(Kind.END, "", source.length() + 1));
        return tokens;
    }

    /** The text as an MVEL string literal. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static int number(String source, int start, List<SandboxToken> tokens) {
        int end = start;
        while (end < source.length() && Character.isDigit(source.charAt(end))) {
            end++;
        }
        if (end + 1 < source.length() && source.charAt(end) == '.' && Character.isDigit(source.charAt(end + 1))) {
            end++;
            while (end < source.length() && Character.isDigit(source.charAt(end))) {
                end++;
            }
        }
        if (end < source.length() && (Character.isLetter(source.charAt(end)) || source.charAt(end) == '_')) {
            throw new ExpressionRefusedException(end + 1, "number suffixes and exponents are not allowed");
        }
        tokens.add(new SandboxToken(Kind.NUMBER, source.substring(start, end), start + 1));
        return end;
    }

    private static int string(String source, int start, List<SandboxToken> tokens) {
        char quote = source.charAt(start);
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            char c = source.charAt(i);
            if (c == '\\') {
                if (i + 1 >= source.length()) {
                    break;
                }
                char escaped = source.charAt(i + 1);
                switch (escaped) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case '\\', '\'', '"' -> text.append(escaped);
                    default -> throw new ExpressionRefusedException(i + 1, "unknown escape \\" + escaped);
                }
                i += 2;
            } else {
                text.append(c);
                i++;
            }
        }
        if (i >= source.length()) {
            throw new ExpressionRefusedException(start + 1, "string is not closed");
        }
        tokens.add(new SandboxToken(Kind.STRING, text.toString(), start + 1));
        return i + 1;
    }

    private static int symbol(String source, int start, List<SandboxToken> tokens) {
        for (String symbol : SYMBOLS) {
            if (source.startsWith(symbol, start)) {
                if ((symbol.equals("+") || symbol.equals("-")) && source.startsWith(symbol + symbol, start)) {
                    throw new ExpressionRefusedException(
                            start + 1, "assignment is not allowed (" + symbol + symbol + ")");
                }
                if (source.startsWith(symbol + "=", start) && "+-*/%".contains(symbol)) {
                    throw new ExpressionRefusedException(start + 1, "assignment is not allowed (" + symbol + "=)");
                }
                tokens.add(new SandboxToken(Kind.SYMBOL, symbol, start + 1));
                return start + symbol.length();
            }
        }
        char c = source.charAt(start);
        String reason = REFUSED.getOrDefault(c, "the character '" + c + "' is not allowed");
        tokens.add(new SandboxToken(Kind.REFUSED, reason, start + 1));
        return start + 1;
    }
}
