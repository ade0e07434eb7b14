package dev.switchboard.rules;

/** Which rule outcomes an evaluation explains ({@link RuleOutcome#trace()}). */
public enum Explain {
    /** None: routing only. */
    NONE,
    /** Every rule, every part of it evaluated: testing a rule, and intake when the stored copy is masked. */
    ALL,
    /**
     * Rules that matched or failed: intake stores their explanations, and the audit log derives those of the
     * rules that did not match from the stored message ({@link PastDecisions}).
     */
    MATCHED_AND_ERRORS
}
