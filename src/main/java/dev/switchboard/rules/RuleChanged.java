package dev.switchboard.rules;

import org.jspecify.annotations.Nullable;

/**
 * A change to a rule that makes no new version (versions are their own history): a draft created or saved, or
 * the rule deleted. Published inside the transaction that makes the change, so a listener that records it
 * commits or rolls back with it.
 *
 * @param before the rule JSON before (the previous draft, else the published version), or null
 * @param after the rule JSON after, or null when deleted
 */
public record RuleChanged(
        String key,
        String user,
        String action,
        @Nullable String before,
        @Nullable String after) {}
