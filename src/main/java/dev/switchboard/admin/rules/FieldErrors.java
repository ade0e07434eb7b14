package dev.switchboard.admin.rules;

import dev.switchboard.rules.RuleProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The compiler's problems placed next to the builder fields that caused them: each problem goes to the most
 * specific field whose location contains it ({@code when.all[1].path} to condition line {@code when.all[1]});
 * what no field claims is listed at the top.
 */
public final class FieldErrors {

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private final List<RuleProblem> unplaced = new ArrayList<>();

    static FieldErrors none() {
        return new FieldErrors();
    }

    static FieldErrors place(List<RuleProblem> problems, RuleForm form) {
        List<String> fields = fields(form);
        FieldErrors errors = new FieldErrors();
        for (RuleProblem problem : problems) {
            String owner = owner(problem.location(), fields);
            if (owner == null) {
                errors.unplaced.add(problem);
            } else {
                String rest = problem.location().substring(owner.length()).replaceFirst("^\\.", "");
                String message = rest.isEmpty() ? problem.message() : rest + ": " + problem.message();
                errors.byField.computeIfAbsent(owner, k -> new ArrayList<>()).add(message);
            }
        }
        return errors;
    }

    public List<String> of(@Nullable String field) {
        return field == null ? List.of() : byField.getOrDefault(field, List.of());
    }

    public boolean has(@Nullable String field) {
        return !of(field).isEmpty();
    }

    public List<RuleProblem> unplaced() {
        return unplaced;
    }

    public boolean isEmpty() {
        return byField.isEmpty() && unplaced.isEmpty();
    }

    private static List<String> fields(RuleForm form) {
        List<String> fields = new ArrayList<>(List.of(
                "key", "name", "description", "priority", "when.type", "when.event", "when.expression", "actions"));
        for (ConditionRow row : form.getAll()) {
            fields.add(row.getLocation());
        }
        for (ConditionRow row : form.getAny()) {
            fields.add(row.getLocation());
        }
        for (int i = 0; i < form.getActions().size(); i++) {
            String action = "actions[" + i + "]";
            fields.add(action);
            fields.add(action + ".delay");
            for (FieldRow field : form.getActions().get(i).getFields()) {
                if (!field.getName().isEmpty()) {
                    fields.add(action + "." + field.getName());
                }
            }
        }
        fields.removeIf(java.util.Objects::isNull);
        return fields;
    }

    private static @Nullable String owner(String location, List<String> fields) {
        String best = null;
        for (String field : fields) {
            boolean contains =
                    location.equals(field) || location.startsWith(field + ".") || location.startsWith(field + "[");
            if (contains && (best == null || field.length() > best.length())) {
                best = field;
            }
        }
        return best;
    }
}
