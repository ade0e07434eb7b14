package dev.switchboard.rules.compile;

import dev.switchboard.rules.Explanation.ConditionTrace;
import dev.switchboard.rules.Explanation.GroupTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code all}, {@code any} or {@code not} over compiled children. An empty {@code any} holds (it is ignored). */
final class GroupTest implements CompiledCondition {

    enum Kind {
        ALL,
        ANY,
        NOT
    }

    private final Kind kind;
    private final CompiledCondition[] children;

    GroupTest(Kind kind, List<CompiledCondition> children) {
        this.kind = kind;
        this.children = children.toArray(CompiledCondition[]::new);
    }

    @Override
    public boolean test(Map<String, Object> message) {
        switch (kind) {
            case ALL:
                for (CompiledCondition child : children) {
                    if (!child.test(message)) {
                        return false;
                    }
                }
                return true;
            case ANY:
                for (CompiledCondition child : children) {
                    if (child.test(message)) {
                        return true;
                    }
                }
                return children.length == 0;
            default:
                return !children[0].test(message);
        }
    }

    @Override
    public GroupTrace explain(Map<String, Object> message) {
        List<ConditionTrace> traces = new ArrayList<>(children.length);
        for (CompiledCondition child : children) {
            traces.add(child.explain(message));
        }
        boolean holds;
        switch (kind) {
            case ALL:
                holds = traces.stream().allMatch(ConditionTrace::holds);
                break;
            case ANY:
                holds = traces.isEmpty() || traces.stream().anyMatch(ConditionTrace::holds);
                break;
            default:
                holds = !traces.get(0).holds();
        }
        return new GroupTrace(kind.name().toLowerCase(java.util.Locale.ROOT), holds, traces);
    }
}
