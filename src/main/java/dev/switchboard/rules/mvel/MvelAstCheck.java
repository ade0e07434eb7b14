package dev.switchboard.rules.mvel;

import java.io.Serializable;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.mvel2.ast.ASTNode;
import org.mvel2.ast.And;
import org.mvel2.ast.BinaryOperation;
import org.mvel2.ast.LiteralNode;
import org.mvel2.ast.Negation;
import org.mvel2.ast.OperatorNode;
import org.mvel2.ast.Or;
import org.mvel2.ast.Substatement;
import org.mvel2.ast.Union;
import org.mvel2.compiler.CompiledExpression;
import org.mvel2.compiler.ExecutableAccessor;
import org.mvel2.compiler.ExecutableLiteral;
import org.mvel2.compiler.ExecutableStatement;

/**
 * The second layer: walks what MVEL compiled and accepts only the node types our grammar can produce. It
 * catches a grammar bug (or an MVEL parse we did not expect) before the expression can ever run.
 */
final class MvelAstCheck {

    private static final Set<Class<?>> ALLOWED = Set.of(
            ASTNode.class,
            LiteralNode.class,
            BinaryOperation.class,
            And.class,
            Or.class,
            Negation.class,
            Substatement.class,
            OperatorNode.class,
            Union.class);

    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern CALL = Pattern.compile("\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern ROOT = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)");

    private MvelAstCheck() {}

    /** Why the compiled expression is refused, or {@code null} when every node is allowed. */
    static @Nullable String refusal(Serializable compiled) {
        if (compiled instanceof ExecutableLiteral) {
            return null;
        }
        if (compiled instanceof CompiledExpression expression) {
            for (ASTNode node = expression.getFirstNode(); node != null; node = node.nextASTNode) {
                String refusal = node(node);
                if (refusal != null) {
                    return refusal;
                }
            }
            return null;
        }
        if (compiled instanceof ExecutableAccessor accessor) {
            return node(accessor.getNode());
        }
        return "unexpected compiled form " + compiled.getClass().getSimpleName();
    }

    private static @Nullable String node(@Nullable ASTNode node) {
        if (node == null) {
            return null;
        }
        if (!ALLOWED.contains(node.getClass())) {
            return "MVEL node " + node.getClass().getSimpleName() + " is not allowed";
        }
        if (node.isAssignment() || node.isFQCN()) {
            return "assignments and class references are not allowed";
        }
        if (node instanceof BinaryOperation || node instanceof And || node instanceof Or) {
            var bool = (org.mvel2.ast.BooleanNode) node;
            String left = node(bool.getLeft());
            return left != null ? left : node(bool.getRight());
        }
        if (node instanceof Substatement substatement) {
            return statement(substatement.getStatement());
        }
        if (node instanceof Negation negation) {
            return statement(negation.getStatement());
        }
        if (node.getClass() == ASTNode.class || node instanceof Union) {
            return names(node.getName(), node.getClass() == ASTNode.class);
        }
        return null;
    }

    private static @Nullable String statement(@Nullable ExecutableStatement statement) {
        return statement == null ? null : refusal(statement);
    }

    /** A property chain such as {@code properties['x'].toLowerCase()}: a message variable, allowed methods. */
    private static @Nullable String names(String chain, boolean rooted) {
        String code = QUOTED.matcher(chain).replaceAll("''");
        if (rooted) {
            Matcher root = ROOT.matcher(code);
            if (!root.find() || !SandboxPolicy.VARIABLES.contains(root.group(1))) {
                return "only message variables can be read";
            }
        }
        Matcher call = CALL.matcher(rooted ? code : "." + code);
        while (call.find()) {
            String refusal = SandboxPolicy.methodRefusal(call.group(1));
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }
}
