package dev.switchboard.rules.mvel;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.mvel2.MVEL;

/** An expression that passed the sandbox, compiled once; {@link #test} runs it for one message. Thread-safe. */
public final class SandboxedExpression {

    private final String source;
    private final Serializable compiled;
    private final long budgetNanos;
    private final LongSupplier nanoTime;

    SandboxedExpression(String source, Serializable compiled, Duration budget, LongSupplier nanoTime) {
        this.source = source;
        this.compiled = compiled;
        this.budgetNanos = budget.toNanos();
        this.nanoTime = nanoTime;
    }

    public String source() {
        return source;
    }

    /**
     * @return whether the expression gives {@code true}; {@code null} counts as {@code false}
     * @throws RuntimeException when it fails, gives something other than a boolean or runs over its budget
     */
    public boolean test(Map<String, Object> message) {
        var variables = new MessageVariables(message, nanoTime, nanoTime.getAsLong() + budgetNanos);
        Object result = MVEL.executeExpression(compiled, variables);
        if (result == null) {
            return false;
        }
        if (result instanceof Boolean verdict) {
            return verdict;
        }
        throw new IllegalStateException("the expression must give true or false, not "
                + dev.switchboard.message.Messages.jsonType(result) + " " + result);
    }
}
