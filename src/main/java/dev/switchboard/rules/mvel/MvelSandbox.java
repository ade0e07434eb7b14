package dev.switchboard.rules.mvel;

import dev.switchboard.rules.MvelSettings;
import dev.switchboard.rules.RuleProblem;
import java.io.Serializable;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/** Compiles {@code when.expression} through the sandbox's layers, or reports why not with the column. */
public final class MvelSandbox {

    static {
        warmUp();
    }

    private final MvelSettings settings;
    private final LongSupplier nanoTime;

    public MvelSandbox(MvelSettings settings) {
        this(settings, System::nanoTime);
    }

    /** With a stand-in clock, so tests can run over the budget without waiting. */
    public MvelSandbox(MvelSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    public @Nullable SandboxedExpression compile(String expression, String location, List<RuleProblem> problems) {
        if (!settings.enabled()) {
            problems.add(
                    new RuleProblem(
                            location,
                            "advanced expressions (MVEL) are switched off on this installation (an admin can switch them on in Settings)"));
            return null;
        }
        String mvel;
        try {
            mvel = SandboxGrammar.translate(expression);
        } catch (ExpressionRefusedException e) {
            problems.add(new RuleProblem(location, "column " + e.column() + ": " + e.getMessage()));
            return null;
        }
        Serializable compiled;
        try {
            compiled = MVEL.compileExpression(mvel, new ParserContext());
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(location, "does not compile: " + firstLine(e.getMessage())));
            return null;
        }
        String refusal = MvelAstCheck.refusal(compiled);
        if (refusal != null) {
            problems.add(new RuleProblem(location, refusal));
            return null;
        }
        return new SandboxedExpression(expression, compiled, settings.budget(), nanoTime);
    }

    /**
     * MVEL loads and links its optimizer on the first evaluation in a JVM, which can take longer than the time
     * budget; doing it once here keeps that cost out of the first real message.
     */
    private static void warmUp() {
        String mvel = SandboxGrammar.translate("properties.a == null && 'a'.length() == 1 && !(1 > 2 ? true : false)");
        Serializable compiled = MVEL.compileExpression(mvel, new ParserContext());
        MVEL.executeExpression(compiled, new MessageVariables(java.util.Map.of(), () -> 0L, Long.MAX_VALUE));
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
