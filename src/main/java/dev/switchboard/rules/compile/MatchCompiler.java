package dev.switchboard.rules.compile;

import dev.switchboard.message.MessagePath;
import dev.switchboard.rules.Condition;
import dev.switchboard.rules.MatchSpec;
import dev.switchboard.rules.RuleProblem;
import dev.switchboard.rules.mvel.MvelSandbox;
import dev.switchboard.rules.mvel.SandboxedExpression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/** Compiles a {@code when} once per rule version, reporting every problem with its location. */
public final class MatchCompiler {

    private static final Set<String> TYPES = Set.of("track", "identify", "page", "screen", "group", "alias", "delete");

    private final MvelSandbox sandbox;
    private final TimeBudget budget;

    /** @param budget how long one regular expression match may take */
    public MatchCompiler(MvelSandbox sandbox, Duration budget, LongSupplier nanoTime) {
        this.sandbox = sandbox;
        this.budget = new TimeBudget(budget.toNanos(), nanoTime);
    }

    /** @return the compiled match; unusable when {@code problems} grew */
    public CompiledMatch compile(MatchSpec when, List<RuleProblem> problems) {
        for (int i = 0; i < when.types().size(); i++) {
            if (!TYPES.contains(when.types().get(i))) {
                problems.add(new RuleProblem(
                        "when.type[" + i + "]",
                        "unknown type \"" + when.types().get(i) + "\"; one of "
                                + String.join(", ", TYPES.stream().sorted().toList())));
            }
        }
        for (int i = 0; i < when.events().size(); i++) {
            if (when.events().get(i).isBlank()) {
                problems.add(new RuleProblem("when.event[" + i + "]", "must not be blank"));
            }
        }
        GroupTest all = when.all().isEmpty() ? null : group(GroupTest.Kind.ALL, when.all(), "when.all", problems);
        GroupTest any = when.any().isEmpty() ? null : group(GroupTest.Kind.ANY, when.any(), "when.any", problems);
        SandboxedExpression expression = null;
        if (when.expression() != null) {
            expression = sandbox.compile(when.expression(), "when.expression", problems);
        }
        return new CompiledMatch(when.types(), when.events(), all, any, expression);
    }

    private GroupTest group(
            GroupTest.Kind kind, List<Condition> conditions, String location, List<RuleProblem> problems) {
        List<CompiledCondition> children = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            children.add(condition(conditions.get(i), location + "[" + i + "]", problems));
        }
        return new GroupTest(kind, children);
    }

    private CompiledCondition condition(Condition condition, String location, List<RuleProblem> problems) {
        if (condition instanceof Condition.All all) {
            return group(GroupTest.Kind.ALL, all.conditions(), location + ".all", problems);
        }
        if (condition instanceof Condition.Any any) {
            return group(GroupTest.Kind.ANY, any.conditions(), location + ".any", problems);
        }
        if (condition instanceof Condition.Not not) {
            return new GroupTest(GroupTest.Kind.NOT, List.of(condition(not.condition(), location + ".not", problems)));
        }
        return test((Condition.Test) condition, location, problems);
    }

    private CompiledCondition test(Condition.Test test, String location, List<RuleProblem> problems) {
        MessagePath path = null;
        try {
            path = MessagePath.compile(test.path());
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem(location + ".path", "not a valid JSONPath: " + e.getMessage()));
        }
        ValueTest valueTest = OperandCompiler.compile(test, location, problems, budget);
        if (path == null || valueTest == null) {
            return new GroupTest(GroupTest.Kind.ALL, List.of());
        }
        return new PathTest(path, test.op(), test.value(), test.ignoreCase(), valueTest);
    }
}
