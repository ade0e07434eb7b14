package dev.switchboard.rules;

/** The change does not fit the rule's state: a key that is taken, or nothing to publish. */
public class RuleConflictException extends RuntimeException {

    private RuleConflictException(String message) {
        super(message);
    }

    public static RuleConflictException keyTaken(String key) {
        return new RuleConflictException("A rule with the key " + key + " exists already; edit it with PUT.");
    }

    public static RuleConflictException nothingToPublish(String key) {
        return new RuleConflictException("Rule " + key + " has no draft to publish.");
    }
}
