package dev.switchboard.rules.compile;

import dev.switchboard.message.Messages;
import dev.switchboard.rules.Explanation;
import dev.switchboard.rules.Explanation.ExpressionTrace;
import dev.switchboard.rules.Explanation.FilterTrace;
import dev.switchboard.rules.Explanation.GroupTrace;
import dev.switchboard.rules.mvel.SandboxedExpression;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A rule's {@code when}, compiled: type and event filters, the condition groups and the expression. */
public final class CompiledMatch {

    private final List<String> types;
    private final Set<String> typeSet;
    private final List<String> events;
    private final @Nullable EventFilter eventFilter;
    private final @Nullable GroupTest all;
    private final @Nullable GroupTest any;
    private final @Nullable SandboxedExpression expression;

    CompiledMatch(
            List<String> types,
            List<String> events,
            @Nullable GroupTest all,
            @Nullable GroupTest any,
            @Nullable SandboxedExpression expression) {
        this.types = List.copyOf(types);
        this.typeSet = Set.copyOf(types);
        this.events = List.copyOf(events);
        this.eventFilter = events.isEmpty() ? null : new EventFilter(events);
        this.all = all;
        this.any = any;
        this.expression = expression;
    }

    /** The name {@code when.event} is matched against: {@code name} for page and screen, else {@code event}. */
    public static @Nullable String eventName(Map<String, Object> message) {
        String type = Messages.string(message, "type");
        boolean named = "page".equals(type) || "screen".equals(type);
        return Messages.string(message, named ? "name" : "event");
    }

    /** The hot path: short-circuits, allocates no trace. Throws when the expression fails. */
    public boolean test(Map<String, Object> message) {
        if (!typeSet.isEmpty() && !typeSet.contains(Messages.string(message, "type"))) {
            return false;
        }
        if (eventFilter != null && !eventFilter.matches(eventName(message))) {
            return false;
        }
        if (all != null && !all.test(message)) {
            return false;
        }
        if (any != null && !any.test(message)) {
            return false;
        }
        return expression == null || expression.test(message);
    }

    /** Every part evaluated and explained; an expression that fails is reported in the trace, not thrown. */
    public Explanation explain(Map<String, Object> message) {
        FilterTrace type = null;
        if (!typeSet.isEmpty()) {
            String actual = Messages.string(message, "type");
            type = new FilterTrace(types, actual, typeSet.contains(actual));
        }
        FilterTrace event = null;
        if (eventFilter != null) {
            String actual = eventName(message);
            event = new FilterTrace(events, actual, eventFilter.matches(actual));
        }
        GroupTrace allTrace = all == null ? null : all.explain(message);
        GroupTrace anyTrace = any == null ? null : any.explain(message);
        ExpressionTrace expressionTrace = null;
        if (expression != null) {
            try {
                expressionTrace = new ExpressionTrace(expression.source(), expression.test(message), null);
            } catch (RuntimeException e) {
                expressionTrace = new ExpressionTrace(expression.source(), false, describe(e));
            }
        }
        boolean matched = (type == null || type.holds())
                && (event == null || event.holds())
                && (allTrace == null || allTrace.holds())
                && (anyTrace == null || anyTrace.holds())
                && (expressionTrace == null || expressionTrace.holds());
        return new Explanation(matched, type, event, allTrace, anyTrace, expressionTrace);
    }

    public List<String> types() {
        return types;
    }

    public static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
