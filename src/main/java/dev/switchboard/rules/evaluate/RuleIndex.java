package dev.switchboard.rules.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which rules (by position in evaluation order) a message could match. A rule with event names is filed under
 * each exact name, and under the literal start of each glob ({@code "Order *"} under {@code "Order "}), so a
 * named message meets only the glob rules whose start its name has; a message without a name still meets every
 * glob rule, as it always has (none of them can match it). A rule without event filter but with types is filed
 * under each type; every other rule (no type and no event) goes to a short list that every message meets. The
 * candidates come back in evaluation order; each rule still checks its whole {@code when} itself, so the index
 * only has to never leave one out.
 */
public final class RuleIndex {

    /** @param events the rule's {@code when.event} as written: exact names and globs with {@code *} */
    public record Entry(List<String> types, List<String> events) {}

    private static final int[] NONE = new int[0];

    private final Map<String, int[]> byEvent;
    private final Map<String, int[]> byGlobStart;
    private final int[] globStartLengths;
    private final int[] globbed;
    private final Map<String, int[]> byType;
    private final int[] everyMessage;

    public RuleIndex(List<Entry> entries) {
        Map<String, List<Integer>> events = new HashMap<>();
        Map<String, List<Integer>> globStarts = new HashMap<>();
        List<Integer> withGlob = new ArrayList<>();
        Map<String, List<Integer>> types = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.events().isEmpty()) {
                boolean glob = false;
                for (String event : entry.events()) {
                    int star = event.indexOf('*');
                    if (star < 0) {
                        add(events, event, i);
                    } else {
                        add(globStarts, event.substring(0, star), i);
                        glob = true;
                    }
                }
                if (glob) {
                    withGlob.add(i);
                }
            } else if (!entry.types().isEmpty()) {
                for (String type : entry.types()) {
                    add(types, type, i);
                }
            } else {
                rest.add(i);
            }
        }
        this.byEvent = frozen(events);
        this.byGlobStart = frozen(globStarts);
        this.globStartLengths = globStarts.keySet().stream()
                .mapToInt(String::length)
                .distinct()
                .sorted()
                .toArray();
        this.globbed = ints(withGlob);
        this.byType = frozen(types);
        this.everyMessage = ints(rest);
    }

    /** Positions of the rules to evaluate, ascending (that is, in evaluation order), without duplicates. */
    public int[] candidates(@Nullable String type, @Nullable String eventName) {
        int[] named = eventName == null ? globbed : named(eventName);
        int[] typed = type == null ? NONE : byType.getOrDefault(type, NONE);
        return merge(merge(named, typed), everyMessage);
    }

    private int[] named(String eventName) {
        int[] named = byEvent.getOrDefault(eventName, NONE);
        for (int length : globStartLengths) {
            if (length > eventName.length()) {
                break;
            }
            int[] globs = byGlobStart.get(eventName.substring(0, length));
            if (globs != null) {
                named = merge(named, globs);
            }
        }
        return named;
    }

    private static void add(Map<String, List<Integer>> lists, String key, int position) {
        List<Integer> positions = lists.computeIfAbsent(key, k -> new ArrayList<>());
        // a rule naming the same event (or glob start) twice is filed once
        if (positions.isEmpty() || positions.get(positions.size() - 1) != position) {
            positions.add(position);
        }
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
