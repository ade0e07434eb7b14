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
            problems.add(new RuleProblem(location, "advanced expressions are switched off"));
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

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
