package dev.switchboard.rules;

/** Where a rule stands for people: never published, live, or published but switched off. */
public enum RuleStatus {
    DRAFT,
    PUBLISHED,
    DISABLED;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
