package dev.switchboard.rules.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** {@code when.event}: exact names (a set lookup) and globs with {@code *}, compiled once. */
final class EventFilter {

    private final Set<String> exact;
    private final Pattern[] globs;

    EventFilter(List<String> names) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String name : names) {
            if (name.contains("*")) {
                patterns.add(glob(name));
            } else {
                plain.add(name);
            }
        }
        this.exact = Set.copyOf(plain);
        this.globs = patterns.toArray(Pattern[]::new);
    }

    boolean matches(@Nullable String name) {
        if (name == null) {
            return false;
        }
        if (exact.contains(name)) {
            return true;
        }
        for (Pattern glob : globs) {
            if (glob.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code "Order *"} becomes {@code \QOrder \E.*}: only the star is special, case-sensitive like exact names. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
