package dev.switchboard.admin.audit;

import dev.switchboard.audit.ChangeLog;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One configuration change as {@code /audit/changes} shows it: the diff as readable lines, and for a rule its
 * key (for the link to its history).
 */
public record ChangeRow(ChangeLog.Change change, @Nullable String ruleKey, List<Line> diff) {

    /** What changed at one place: JSON values before and after ({@code null}: absent). */
    public record Line(
            String path, @Nullable String before, @Nullable String after) {}

    private static final Pattern VERSIONED = Pattern.compile("(.+) v\\d+");

    static ChangeRow of(ChangeLog.Change change) {
        return new ChangeRow(change, ruleKey(change), lines(change.diff()));
    }

    private static @Nullable String ruleKey(ChangeLog.Change change) {
        if (!"rule".equals(change.kind())) {
            return null;
        }
        Matcher versioned = VERSIONED.matcher(change.subject());
        return versioned.matches() ? versioned.group(1) : change.subject();
    }

    private static List<Line> lines(@Nullable JsonNode diff) {
        List<Line> lines = new ArrayList<>();
        if (diff == null || diff.isNull()) {
            return lines;
        }
        if (!diff.isArray()) {
            // A purge records its counts rather than a before and after.
            for (String name : diff.propertyNames()) {
                lines.add(new Line(name, null, text(diff.get(name))));
            }
            return lines;
        }
        for (JsonNode change : diff) {
            lines.add(
                    new Line(change.path("path").asString(""), text(change.get("before")), text(change.get("after"))));
        }
        return lines;
    }

    private static @Nullable String text(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
