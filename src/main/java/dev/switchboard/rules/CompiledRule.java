package dev.switchboard.rules;

import dev.switchboard.mapping.ActionContext;
import dev.switchboard.mapping.ActionOutcome;
import dev.switchboard.mapping.CompiledAction;
import dev.switchboard.rules.compile.CompiledMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rule version, compiled once by {@link RuleCompiler}: immutable and thread-safe, and it compiles nothing
 * per message. {@link #evaluate} checks one message against this rule alone, e.g. to test a draft.
 */
public final class CompiledRule {

    private final RuleDefinition definition;
    private final int version;
    private final CompiledMatch match;
    private final List<CompiledAction> actions;

    CompiledRule(RuleDefinition definition, int version, CompiledMatch match, List<CompiledAction> actions) {
        this.definition = definition;
        this.version = version;
        this.match = match;
        this.actions = List.copyOf(actions);
    }

    public String key() {
        return definition.key();
    }

    public int version() {
        return version;
    }

    public int priority() {
        return definition.priority();
    }

    public boolean enabled() {
        return definition.enabled();
    }

    public boolean stopProcessing() {
        return definition.stopProcessing();
    }

    /** What the rule was compiled from, for export and display. */
    public RuleDefinition definition() {
        return definition;
    }

    public List<CompiledAction> actions() {
        return actions;
    }

    CompiledMatch match() {
        return match;
    }

    /**
     * Checks the message against this rule and, when it matches, renders every action. Never throws: a
     * condition that fails gives {@link RuleOutcome.Status#ERROR}, an action that fails gives
     * {@link ActionOutcome.Invalid}.
     *
     * @param explain whether to build the {@link Explanation}; without it nothing extra is allocated
     */
    public RuleOutcome evaluate(Map<String, Object> message, boolean explain) {
        if (explain) {
            Explanation trace;
            try {
                trace = match.explain(message);
            } catch (RuntimeException | StackOverflowError e) {
                return outcome(RuleOutcome.Status.ERROR, CompiledMatch.describe(e), null, List.of());
            }
            // The same outcome as without the explanation: an expression that fails behind a filter that does not
            // hold is in the trace, but the rule did not match (the hot path never evaluates it).
            if (trace.expression() != null && trace.expression().error() != null && trace.holdsBeforeExpression()) {
                return outcome(RuleOutcome.Status.ERROR, trace.expression().error(), trace, List.of());
            }
            return trace.matched()
                    ? outcome(RuleOutcome.Status.MATCHED, null, trace, render(message))
                    : outcome(RuleOutcome.Status.NOT_MATCHED, null, trace, List.of());
        }
        boolean matched;
        try {
            matched = match.test(message);
        } catch (RuntimeException | StackOverflowError e) {
            return outcome(RuleOutcome.Status.ERROR, CompiledMatch.describe(e), null, List.of());
        }
        return matched
                ? outcome(RuleOutcome.Status.MATCHED, null, null, render(message))
                : outcome(RuleOutcome.Status.NOT_MATCHED, null, null, List.of());
    }

    private List<ActionOutcome> render(Map<String, Object> message) {
        List<ActionOutcome> outcomes = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            CompiledAction action = actions.get(i);
            try {
                outcomes.add(action.render(message, new ActionContext(key(), i)));
            } catch (RuntimeException e) {
                outcomes.add(new ActionOutcome.Invalid(
                        action.type(), "actions[" + i + "]", "rendering failed: " + CompiledMatch.describe(e)));
            }
        }
        return outcomes;
    }

    private RuleOutcome outcome(
            RuleOutcome.Status status,
            @Nullable String error,
            @Nullable Explanation trace,
            List<ActionOutcome> rendered) {
        return new RuleOutcome(key(), version, status, error, trace, rendered);
    }

    @Override
    public String toString() {
        return key() + "@" + version;
    }
}
