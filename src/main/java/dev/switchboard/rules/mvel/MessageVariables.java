package dev.switchboard.rules.mvel;

import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.mvel2.integration.VariableResolver;
import org.mvel2.integration.VariableResolverFactory;

/**
 * The only variables an expression sees: the message's top-level fields, read-only. It creates no variables
 * and checks the time budget on every read, the one thing every expression does.
 */
final class MessageVariables implements VariableResolverFactory {

    private final Map<String, Object> message;
    private final LongSupplier nanoTime;
    private final long deadline;

    MessageVariables(Map<String, Object> message, LongSupplier nanoTime, long deadline) {
        this.message = message;
        this.nanoTime = nanoTime;
        this.deadline = deadline;
    }

    @Override
    public VariableResolver getVariableResolver(String name) {
        if (nanoTime.getAsLong() - deadline > 0) {
            throw new IllegalStateException("the expression ran over its time budget");
        }
        if (!SandboxPolicy.VARIABLES.contains(name)) {
            throw new IllegalStateException("\"" + name + "\" is not a message variable");
        }
        return new ReadOnly(name, message.get(name));
    }

    @Override
    public boolean isTarget(String name) {
        return SandboxPolicy.VARIABLES.contains(name);
    }

    @Override
    public boolean isResolveable(String name) {
        return SandboxPolicy.VARIABLES.contains(name);
    }

    @Override
    public Set<String> getKnownVariables() {
        return SandboxPolicy.VARIABLES;
    }

    @Override
    public VariableResolver createVariable(String name, Object value) {
        throw refused();
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value) {
        throw refused();
    }

    @Override
    public VariableResolver createVariable(String name, Object value, Class<?> type) {
        throw refused();
    }

    @Override
    public VariableResolver createIndexedVariable(int index, String name, Object value, Class<?> type) {
        throw refused();
    }

    @Override
    public VariableResolver setIndexedVariableResolver(int index, VariableResolver resolver) {
        throw refused();
    }

    @Override
    public VariableResolverFactory getNextFactory() {
        return null;
    }

    @Override
    public VariableResolverFactory setNextFactory(VariableResolverFactory factory) {
        throw refused();
    }

    @Override
    public VariableResolver getIndexedVariableResolver(int index) {
        throw refused();
    }

    @Override
    public int variableIndexOf(String name) {
        return -1;
    }

    @Override
    public boolean isIndexedFactory() {
        return false;
    }

    @Override
    public boolean tiltFlag() {
        return false;
    }

    @Override
    public void setTiltFlag(boolean tilt) {}

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("the sandbox creates no variables");
    }

    private record ReadOnly(String name, Object value) implements VariableResolver {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Class getType() {
            return Object.class;
        }

        @Override
        public void setStaticType(Class type) {}

        @Override
        public int getFlags() {
            return 0;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public void setValue(Object value) {
            throw refused();
        }
    }
}
