package dev.switchboard.rules.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which rules (by position in evaluation order) a message could match. A rule with exact event names is filed
 * under each name; a rule without event filter but with types under each type; every other rule (globs, or no
 * type and no event) goes to a short list that every message meets. The candidates come back in evaluation
 * order; each rule still checks its whole {@code when} itself, so the index only has to never leave one out.
 */
public final class RuleIndex {

    /**
     * @param exactEvents the rule's event names when all are exact (no glob), else empty
     * @param eventFiltered whether the rule has an event filter at all (exact or glob)
     */
    public record Entry(List<String> types, List<String> exactEvents, boolean eventFiltered) {}

    private static final int[] NONE = new int[0];

    private final Map<String, int[]> byEvent;
    private final Map<String, int[]> byType;
    private final int[] everyMessage;

    public RuleIndex(List<Entry> entries) {
        Map<String, List<Integer>> events = new HashMap<>();
        Map<String, List<Integer>> types = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.exactEvents().isEmpty()) {
                for (String event : entry.exactEvents()) {
                    events.computeIfAbsent(event, e -> new ArrayList<>()).add(i);
                }
            } else if (!entry.eventFiltered() && !entry.types().isEmpty()) {
                for (String type : entry.types()) {
                    types.computeIfAbsent(type, t -> new ArrayList<>()).add(i);
                }
            } else {
                rest.add(i);
            }
        }
        this.byEvent = frozen(events);
        this.byType = frozen(types);
        this.everyMessage = ints(rest);
    }

    /** Positions of the rules to evaluate, ascending (that is, in evaluation order), without duplicates. */
    public int[] candidates(@Nullable String type, @Nullable String eventName) {
        int[] named = eventName == null ? NONE : byEvent.getOrDefault(eventName, NONE);
        int[] typed = type == null ? NONE : byType.getOrDefault(type, NONE);
        return merge(merge(named, typed), everyMessage);
    }

    private static int[] merge(int[] a, int[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        int[] merged = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                merged[k++] = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                merged[k++] = b[j++];
            } else {
                merged[k++] = a[i++];
                j++;
            }
        }
        return k == merged.length ? merged : java.util.Arrays.copyOf(merged, k);
    }

    private static Map<String, int[]> frozen(Map<String, List<Integer>> lists) {
        Map<String, int[]> result = new HashMap<>();
        lists.forEach((key, positions) -> result.put(key, ints(positions)));
        return Map.copyOf(result);
    }

    private static int[] ints(List<Integer> positions) {
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }
}
