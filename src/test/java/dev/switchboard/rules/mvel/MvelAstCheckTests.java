package dev.switchboard.rules.mvel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import org.junit.jupiter.api.Test;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * The second layer on its own: MVEL text that our grammar would never emit is still refused after MVEL compiled
 * it, before it can run. Compiling MVEL runs nothing.
 */
class MvelAstCheckTests {

    private static String refusal(String mvel) {
        Serializable compiled = MVEL.compileExpression(mvel, new ParserContext());
        return MvelAstCheck.refusal(compiled);
    }

    @Test
    void acceptsWhatTheGrammarEmits() {
        for (String expression : new String[] {
            "properties.total > 20 && context.traits.email != null",
            "(properties.total > 100 ? 'big' : 'small') == 'big'",
            "!(event.toLowerCase().startsWith('order')) || 'a' + event == 'b'",
            "-properties.total < 0",
            "true"
        }) {
            assertThat(refusal(SandboxGrammar.translate(expression)))
                    .as(expression)
                    .isNull();
        }
    }

    @Test
    void refusesObjectCreationAssignmentLoopsAndFunctions() {
        assertThat(refusal("new java.io.File('x')")).isNotNull();
        assertThat(refusal("x = 1")).isNotNull();
        assertThat(refusal("while (false) { 1 }")).isNotNull();
        assertThat(refusal("def f() { 1 }; f()")).isNotNull();
        assertThat(refusal("foreach (p : properties) { 1 }")).isNotNull();
    }

    @Test
    void refusesClassReferencesAndMethodsOffTheAllowList() {
        assertThat(refusal("java.lang.System.exit(1)")).isNotNull();
        assertThat(refusal("Math.max(1, 2)")).isNotNull();
        assertThat(refusal("event.getClass()")).isNotNull();
        assertThat(refusal("properties.put('a', 1)")).isNotNull();
        assertThat(refusal("(event).getBytes()")).isNotNull();
    }
}
