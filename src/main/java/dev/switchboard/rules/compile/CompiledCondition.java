package dev.switchboard.rules.compile;

import dev.switchboard.rules.Explanation.ConditionTrace;
import java.util.Map;

/**
 * A condition ready to run. {@link #test} is the hot path and allocates no trace; {@link #explain} gives the
 * same verdict with the reasons, and evaluates every child of a group so the trace is complete.
 */
interface CompiledCondition {

    boolean test(Map<String, Object> message);

    ConditionTrace explain(Map<String, Object> message);
}
