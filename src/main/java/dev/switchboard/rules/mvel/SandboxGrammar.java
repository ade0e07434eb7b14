package dev.switchboard.rules.mvel;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The grammar of the sandbox, and its translation to MVEL. It is a recursive-descent parser over a subset of
 * MVEL syntax: anything it does not know is refused, so new MVEL features can never slip through. The MVEL it
 * emits is fully parenthesised (MVEL's precedence never matters) and reads fields as null-safe map lookups
 * ({@code (properties == null ? null : properties['total'])}), which MVEL never resolves through reflection.
 *
 * <pre>
 * expr     := or ('?' expr ':' expr)?
 * or       := and ('||' and)*            and := equality ('&&' equality)*
 * equality := relation (('=='|'!=') relation)*
 * relation := sum (('<'|'<='|'>'|'>=') sum)*
 * sum      := product (('+'|'-') product)*    product := unary (('*'|'/'|'%') unary)*
 * unary    := ('!'|'-') unary | postfix
 * postfix  := primary ('.' name ('(' args ')')? | '[' expr ']')*
 * primary  := number | string | true | false | null | variable | '(' expr ')'
 * </pre>
 */
final class SandboxGrammar {

    private final List<SandboxToken> tokens;
    private int position;

    private SandboxGrammar(List<SandboxToken> tokens) {
        this.tokens = tokens;
    }

    /**
     * @return the expression as MVEL text
     * @throws ExpressionRefusedException at the first thing the sandbox does not allow
     */
    static String translate(String expression) {
        List<SandboxToken> tokens = SandboxToken.tokenize(expression);
        refuseForbiddenWords(tokens);
        SandboxGrammar grammar = new SandboxGrammar(tokens);
        if (grammar.peek().is(SandboxToken.Kind.END)) {
            throw new ExpressionRefusedException(1, "the expression is empty");
        }
        String mvel = grammar.expression();
        SandboxToken rest = grammar.peek();
        if (!rest.is(SandboxToken.Kind.END)) {
            throw grammar.unexpected(rest);
        }
        return mvel;
    }

    /**
     * Words and characters that are never allowed are reported before any syntax error, so that
     * {@code x = 1} says "assignment" and {@code while (true) {}} says "loops".
     */
    private static void refuseForbiddenWords(List<SandboxToken> tokens) {
        for (SandboxToken token : tokens) {
            String reason = token.is(SandboxToken.Kind.IDENTIFIER) ? SandboxPolicy.forbiddenWord(token.text()) : null;
            if (reason != null) {
                throw new ExpressionRefusedException(token.column(), reason);
            }
        }
        for (SandboxToken token : tokens) {
            if (token.is(SandboxToken.Kind.REFUSED)) {
                throw new ExpressionRefusedException(token.column(), token.text());
            }
        }
    }

    private String expression() {
        String condition = or();
        if (accept("?")) {
            String then = expression();
            expect(":");
            String otherwise = expression();
            return "(" + condition + " ? " + then + " : " + otherwise + ")";
        }
        return condition;
    }

    private String or() {
        String left = and();
        while (accept("||")) {
            left = "(" + left + " || " + and() + ")";
        }
        return left;
    }

    private String and() {
        String left = equality();
        while (accept("&&")) {
            left = "(" + left + " && " + equality() + ")";
        }
        return left;
    }

    private String equality() {
        String left = relation();
        for (String op = acceptAny("==", "!="); op != null; op = acceptAny("==", "!=")) {
            left = "(" + left + " " + op + " " + relation() + ")";
        }
        return left;
    }

    private String relation() {
        String left = sum();
        for (String op = acceptAny("<", "<=", ">", ">="); op != null; op = acceptAny("<", "<=", ">", ">=")) {
            left = "(" + left + " " + op + " " + sum() + ")";
        }
        return left;
    }

    private String sum() {
        String left = product();
        for (String op = acceptAny("+", "-"); op != null; op = acceptAny("+", "-")) {
            left = "(" + left + " " + op + " " + product() + ")";
        }
        return left;
    }

    private String product() {
        String left = unary();
        for (String op = acceptAny("*", "/", "%"); op != null; op = acceptAny("*", "/", "%")) {
            left = "(" + left + " " + op + " " + unary() + ")";
        }
        return left;
    }

    private String unary() {
        if (accept("!")) {
            return "(!" + parenthesised(unary()) + ")";
        }
        if (accept("-")) {
            if (peek().is(SandboxToken.Kind.NUMBER)) {
                return "(-" + next().text() + ")";
            }
            return "(0 - " + unary() + ")";
        }
        return postfix();
    }

    private String postfix() {
        SandboxToken start = peek();
        String base = primary();
        boolean readable = start.is(SandboxToken.Kind.IDENTIFIER);
        while (true) {
            if (accept(".")) {
                SandboxToken member = next();
                if (!member.is(SandboxToken.Kind.IDENTIFIER)) {
                    throw unexpected(member);
                }
                if (accept("(")) {
                    String refusal = SandboxPolicy.methodRefusal(member.text());
                    if (refusal != null) {
                        throw new ExpressionRefusedException(member.column(), refusal);
                    }
                    base = base + "." + member.text() + "(" + arguments() + ")";
                } else {
                    refuseFieldRead(readable, member);
                    base = nullSafeRead(base, SandboxToken.quote(member.text()));
                }
            } else if (peek().isSymbol("[")) {
                refuseFieldRead(readable, peek());
                next();
                base = nullSafeRead(base, expression());
                expect("]");
            } else {
                return base;
            }
        }
    }

    /**
     * A field read that gives null when what it reads from is null, as JSON readers expect: {@code
     * context.traits.email != null} must not fail on a message without {@code context.traits}.
     */
    private static String nullSafeRead(String base, String key) {
        return "(" + base + " == null ? null : " + base + "[" + key + "])";
    }

    private void refuseFieldRead(boolean readable, SandboxToken at) {
        if (!readable) {
            throw new ExpressionRefusedException(
                    at.column(), "read fields from a message variable, e.g. properties.total");
        }
        if (at.text().equals("class")) {
            throw new ExpressionRefusedException(at.column(), "reflection is not allowed");
        }
    }

    private String arguments() {
        List<String> arguments = new ArrayList<>();
        if (!accept(")")) {
            do {
                arguments.add(expression());
            } while (accept(","));
            expect(")");
        }
        return String.join(", ", arguments);
    }

    private String primary() {
        SandboxToken token = next();
        switch (token.kind()) {
            case NUMBER:
                return token.text();
            case STRING:
                return SandboxToken.quote(token.text());
            case IDENTIFIER:
                String word = token.text();
                if (word.equals("true") || word.equals("false") || word.equals("null")) {
                    return word;
                }
                String refusal = SandboxPolicy.refusal(word);
                if (refusal != null) {
                    throw new ExpressionRefusedException(token.column(), refusal);
                }
                return word;
            default:
                if (token.isSymbol("(")) {
                    String inner = expression();
                    expect(")");
                    return parenthesised(inner);
                }
                if (token.isSymbol("[")) {
                    throw new ExpressionRefusedException(token.column(), "inline lists and maps are not allowed");
                }
                throw unexpected(token);
        }
    }

    private static String parenthesised(String mvel) {
        return "(" + mvel + ")";
    }

    private SandboxToken peek() {
        return tokens.get(position);
    }

    private SandboxToken next() {
        SandboxToken token = tokens.get(position);
        if (!token.is(SandboxToken.Kind.END)) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().isSymbol(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private @Nullable String acceptAny(String... symbols) {
        for (String symbol : symbols) {
            if (accept(symbol)) {
                return symbol;
            }
        }
        return null;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            SandboxToken token = peek();
            if (token.is(SandboxToken.Kind.REFUSED)) {
                throw unexpected(token);
            }
            throw new ExpressionRefusedException(
                    token.column(), "expected " + symbol + " but found " + describe(token));
        }
    }

    private ExpressionRefusedException unexpected(SandboxToken token) {
        if (token.is(SandboxToken.Kind.REFUSED)) {
            return new ExpressionRefusedException(token.column(), token.text());
        }
        return new ExpressionRefusedException(token.column(), "unexpected " + describe(token));
    }

    private static String describe(SandboxToken token) {
        return token.is(SandboxToken.Kind.END) ? "end of expression" : "\"" + token.text() + "\"";
    }
}
