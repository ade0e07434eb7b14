package dev.switchboard.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of every rule a message was checked against, in evaluation order. Rules the index ruled out
 * (another type or event name) and rules after a matching {@code stopProcessing} rule are not listed;
 * {@code stoppedBy} names the rule that stopped evaluation, if one did.
 */
public record Evaluation(
        List<RuleOutcome> outcomes, @Nullable String stoppedBy) {

    public Evaluation {
        outcomes = List.copyOf(outcomes);
    }

    public List<RuleOutcome> matched() {
        return outcomes.stream().filter(RuleOutcome::matched).toList();
    }
}
