package dev.switchboard.rules.compile;

import dev.switchboard.rules.Condition;
import dev.switchboard.rules.Operator;
import dev.switchboard.rules.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Checks that an operator got the kind of value it takes, and compiles it (regex, number, instant, options). */
final class OperandCompiler {

    private OperandCompiler() {}

    static @Nullable ValueTest compile(
            Condition.Test test, String location, List<RuleProblem> problems, TimeBudget budget) {
        Operator op = test.op();
        JsonNode value = test.value();
        String at = location + ".value";
        int before = problems.size();
        if (test.ignoreCase() && !op.acceptsIgnoreCase()) {
            problems.add(new RuleProblem(
                    location + ".ignoreCase", "only string operators take ignoreCase, not " + op.wireName()));
        }
        if (op.takesNoValue()) {
            if (value != null) {
                problems.add(new RuleProblem(at, op.wireName() + " takes no value"));
            }
            return problems.size() > before ? null : new ValueTest(positive(op), false, null, null, List.of(), budget);
        }
        if (value == null) {
            problems.add(new RuleProblem(at, op.wireName() + " needs a value"));
            return null;
        }
        Pattern pattern = null;
        List<@Nullable Object> options = List.of();
        switch (op) {
            case EQUALS, NOT_EQUALS -> {
                if (value.isContainer()) {
                    problems.add(new RuleProblem(
                            at, "must be a string, number, boolean or null; for several values use in"));
                }
            }
            case CONTAINS, NOT_CONTAINS -> {
                if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
                    problems.add(
                            new RuleProblem(at, "must be a string (substring) or a number or boolean (array element)"));
                }
            }
            case STARTS_WITH, ENDS_WITH -> {
                if (!value.isString()) {
                    problems.add(new RuleProblem(at, "must be a string"));
                }
            }
            case MATCHES -> pattern = regex(value, test.ignoreCase(), at, problems);
            case IN, NOT_IN -> options = options(value, at, problems);
            default -> orderable(value, at, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new ValueTest(positive(op), test.ignoreCase(), JsonValues.toJava(value), pattern, options, budget);
    }

    private static @Nullable Pattern regex(JsonNode value, boolean ignoreCase, String at, List<RuleProblem> problems) {
        if (!value.isString()) {
            problems.add(new RuleProblem(at, "must be a regular expression string"));
            return null;
        }
        try {
            return Pattern.compile(
                    value.stringValue(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            problems.add(new RuleProblem(
                    at, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()));
            return null;
        }
    }

    private static List<@Nullable Object> options(JsonNode value, String at, List<RuleProblem> problems) {
        if (!value.isArray()) {
            problems.add(new RuleProblem(at, "must be an array of values"));
            return List.of();
        }
        List<@Nullable Object> options = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isContainer()) {
                problems.add(new RuleProblem(at + "[" + i + "]", "must be a string, number, boolean or null"));
            }
            options.add(JsonValues.toJava(value.get(i)));
        }
        return options;
    }

    private static void orderable(JsonNode value, String at, List<RuleProblem> problems) {
        boolean number = value.isNumber();
        boolean timestamp = value.isString() && JsonValues.instant(value.stringValue()) != null;
        if (!number && !timestamp) {
            problems.add(new RuleProblem(at, "must be a number or an ISO-8601 timestamp such as 2026-11-27T18:21:04Z"));
        }
    }

    private static Operator positive(Operator op) {
        switch (op) {
            case NOT_EQUALS:
                return Operator.EQUALS;
            case NOT_CONTAINS:
                return Operator.CONTAINS;
            case NOT_IN:
                return Operator.IN;
            case NOT_EXISTS:
                return Operator.EXISTS;
            default:
                return op;
        }
    }
}
