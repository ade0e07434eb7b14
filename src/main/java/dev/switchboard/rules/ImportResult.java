package dev.switchboard.rules;

import java.util.List;

/** What an import did: rules created, rules changed (each a new published version), rules already identical. */
public record ImportResult(List<String> created, List<String> updated, List<String> unchanged) {}
