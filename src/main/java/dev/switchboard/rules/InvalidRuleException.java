package dev.switchboard.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule that cannot be saved or compiled, with every problem found in it. */
public class InvalidRuleException extends RuntimeException {

    private final List<RuleProblem> problems;

    private InvalidRuleException(String message, List<RuleProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public static InvalidRuleException withProblems(List<RuleProblem> problems) {
        String summary = problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; "));
        return new InvalidRuleException("invalid rule: " + summary, problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
