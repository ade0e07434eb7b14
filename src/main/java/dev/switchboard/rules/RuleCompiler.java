package dev.switchboard.rules;

import dev.switchboard.mapping.CompiledAction;
import dev.switchboard.mapping.MappingProblem;
import dev.switchboard.rules.compile.CompiledMatch;
import dev.switchboard.rules.compile.MatchCompiler;
import dev.switchboard.rules.format.RuleReader;
import dev.switchboard.rules.mvel.MvelSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Turns a rule version into a {@link CompiledRule}, once, on save and at startup: paths, regular expressions,
 * globs, operator values, the MVEL expression (through the sandbox) and the actions (through the mapping
 * module). Every problem is reported at once in an {@link InvalidRuleException}. Thread-safe.
 */
public final class RuleCompiler {

    private final ActionsCompilation actions;
    private final MatchCompiler withMvel;
    private final MatchCompiler withoutMvel;
    private final BooleanSupplier mvelEnabled;

    public RuleCompiler(ActionsCompilation actions, MvelSettings mvel) {
        this(actions, mvel, System::nanoTime);
    }

    /** With a stand-in clock for the time budgets (expressions, regular expressions), for tests. */
    RuleCompiler(ActionsCompilation actions, MvelSettings mvel, LongSupplier nanoTime) {
        this(actions, mvel.budget(), mvel::enabled, nanoTime);
    }

    /**
     * With MVEL switched on or off at runtime ({@code /settings}): each compile asks {@code mvelEnabled}.
     *
     * @param budget how long one expression evaluation or regular expression match may take
     */
    public RuleCompiler(ActionsCompilation actions, Duration budget, BooleanSupplier mvelEnabled) {
        this(actions, budget, mvelEnabled, System::nanoTime);
    }

    private RuleCompiler(
            ActionsCompilation actions, Duration budget, BooleanSupplier mvelEnabled, LongSupplier nanoTime) {
        this.actions = actions;
        this.withMvel = new MatchCompiler(new MvelSandbox(new MvelSettings(true, budget), nanoTime), budget, nanoTime);
        this.withoutMvel =
                new MatchCompiler(new MvelSandbox(new MvelSettings(false, budget), nanoTime), budget, nanoTime);
        this.mvelEnabled = mvelEnabled;
    }

    /** Whether advanced (MVEL) expressions compile right now. */
    public boolean mvelEnabled() {
        return mvelEnabled.getAsBoolean();
    }

    /**
     * Reads and compiles rule JSON, reporting structural and compile problems together.
     *
     * @throws InvalidRuleException with every problem, located within the rule
     */
    public CompiledRule compile(JsonNode rule, int version) {
        RuleReader.Result read = RuleReader.read(rule);
        List<RuleProblem> problems = new ArrayList<>(read.problems());
        CompiledRule compiled = compile(read.definition(), version, problems);
        if (!problems.isEmpty()) {
            throw InvalidRuleException.withProblems(problems);
        }
        return compiled;
    }

    /**
     * Compiles a definition, e.g. a stored version at startup.
     *
     * @throws InvalidRuleException with every problem
     */
    public CompiledRule compile(RuleDefinition definition, int version) {
        List<RuleProblem> problems = new ArrayList<>();
        CompiledRule compiled = compile(definition, version, problems);
        if (!problems.isEmpty()) {
            throw InvalidRuleException.withProblems(problems);
        }
        return compiled;
    }

    private CompiledRule compile(RuleDefinition definition, int version, List<RuleProblem> problems) {
        CompiledMatch match = (mvelEnabled() ? withMvel : withoutMvel).compile(definition.when(), problems);
        List<CompiledAction> compiledActions = List.of();
        if (!definition.actions().isEmpty()) {
            List<MappingProblem> mappingProblems = new ArrayList<>();
            compiledActions = actions.compile(definition.actions(), "actions", mappingProblems);
            mappingProblems.forEach(p -> problems.add(new RuleProblem(p.location(), p.message())));
        }
        return new CompiledRule(definition, version, match, compiledActions);
    }
}
