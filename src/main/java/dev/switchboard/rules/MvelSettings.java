package dev.switchboard.rules;

import java.time.Duration;

/**
 * Whether rules may carry an MVEL {@code expression}, and how long one evaluation may take. MVEL has no real
 * sandbox, so operators must be able to switch it off; then a rule with an expression is refused on save. The
 * {@code budget} also bounds each {@code matches} condition, the other place where a rule runs open-ended work
 * on event text.
 */
public record MvelSettings(boolean enabled, Duration budget) {

    /**
     * Expressions on, with a budget far above what a loop-free expression needs, yet far below the minutes a
     * runaway regular expression can take; generous enough that a cold JVM's first evaluation never trips it.
     */
    public static final MvelSettings ON = new MvelSettings(true, Duration.ofMillis(250));

    public static final MvelSettings OFF = new MvelSettings(false, Duration.ofMillis(250));
}
