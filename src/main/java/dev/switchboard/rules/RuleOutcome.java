package dev.switchboard.rules;

import dev.switchboard.mapping.ActionOutcome;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one rule made of one message. {@code actions} is filled for matched rules only (one outcome per action,
 * in order); {@code trace} only in explain mode; {@code error} only for {@link Status#ERROR}.
 */
public record RuleOutcome(
        String ruleKey,
        int version,
        Status status,
        @Nullable String error,
        @Nullable Explanation trace,
        List<ActionOutcome> actions) {

    public enum Status {
        MATCHED,
        NOT_MATCHED,
        /** The condition threw; counts as not matched, and evaluation of the other rules goes on. */
        ERROR
    }

    public RuleOutcome {
        actions = List.copyOf(actions);
    }

    public boolean matched() {
        return status == Status.MATCHED;
    }
}
