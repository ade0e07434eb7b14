package dev.switchboard.rules;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code when} part of a rule. Empty lists mean "any" ({@code types}, {@code events}) or "no constraint"
 * ({@code all}, {@code any}); a {@code null} expression means none.
 */
public record MatchSpec(
        List<String> types,
        List<String> events,
        List<Condition> all,
        List<Condition> any,
        @Nullable String expression) {

    /** Matches every message: {@code "when": {}}. */
    public static final MatchSpec EVERY_MESSAGE = new MatchSpec(List.of(), List.of(), List.of(), List.of(), null);

    public MatchSpec {
        types = List.copyOf(types);
        events = List.copyOf(events);
        all = List.copyOf(all);
        any = List.copyOf(any);
    }
}
