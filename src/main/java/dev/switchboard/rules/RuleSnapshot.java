package dev.switchboard.rules;

import dev.switchboard.rules.compile.CompiledMatch;
import dev.switchboard.rules.evaluate.RuleIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of compiled rules, sorted by priority then key, indexed by message type, exact event name
 * and the literal start of event globs, so that a message only meets the rules that could match it (and the cost
 * of evaluating it does not grow with the number of rules). Thread-safe; swap a whole snapshot when rules
 * change.
 *
 * <p>{@code stopProcessing}: once a rule with it matches, the rules after it are not evaluated and are left out
 * of the {@link Evaluation} (which names the stopping rule).
 */
public final class RuleSnapshot {

    private static final Comparator<CompiledRule> ORDER =
            Comparator.comparingInt(CompiledRule::priority).thenComparing(CompiledRule::key);

    private final List<CompiledRule> rules;
    private final RuleIndex index;

    private RuleSnapshot(List<CompiledRule> rules) {
        this.rules = rules.stream().sorted(ORDER).toList();
        this.index = new RuleIndex(this.rules.stream()
                .map(r -> new RuleIndex.Entry(
                        r.match().types(), r.definition().when().events()))
                .toList());
    }

    /** The live snapshot: enabled rules only. */
    public static RuleSnapshot live(List<CompiledRule> rules) {
        return new RuleSnapshot(rules.stream().filter(CompiledRule::enabled).toList());
    }

    /** Every rule given, disabled ones too: for testing drafts against a message. */
    public static RuleSnapshot of(List<CompiledRule> rules) {
        return new RuleSnapshot(rules);
    }

    /** In evaluation order. */
    public List<CompiledRule> rules() {
        return rules;
    }

    /**
     * Evaluates the message against the rules that could match it, in order.
     *
     * @param message the Segment message tree; not modified
     * @param explain whether each outcome carries an {@link Explanation}
     */
    public Evaluation evaluate(Map<String, Object> message, boolean explain) {
        int[] candidates = index.candidates(
                dev.switchboard.message.Messages.string(message, "type"), CompiledMatch.eventName(message));
        List<RuleOutcome> outcomes = new ArrayList<>(candidates.length);
        for (int position : candidates) {
            CompiledRule rule = rules.get(position);
            RuleOutcome outcome = rule.evaluate(message, explain);
            outcomes.add(outcome);
            if (outcome.matched() && rule.stopProcessing()) {
                return new Evaluation(outcomes, rule.key());
            }
        }
        return new Evaluation(outcomes, null);
    }
}
