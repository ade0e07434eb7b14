package dev.switchboard.admin.rules;

import java.util.List;

/**
 * The builder's editing buttons ({@code _op=addCondition:all}, {@code remove:any:3}, {@code addField:0} ...): each
 * changes the form and the page is shown again, nothing saved. Unknown or out-of-range operations do nothing.
 */
final class BuilderOps {

    private BuilderOps() {}

    static void apply(RuleForm form, String op, String newActionType) {
        String[] parts = op.split(":");
        try {
            switch (parts[0]) {
                case "addEvent" -> form.getEvents().add("");
                case "removeEvent" -> form.getEvents().remove(Integer.parseInt(parts[1]));
                case "addCondition" ->
                    section(form, parts[1]).add(ConditionRow.test(0, "", "equals", "", "text", false));
                case "addGroup" -> section(form, parts[1]).add(ConditionRow.group(parts[2], 0));
                case "addInside" -> addInside(section(form, parts[1]), Integer.parseInt(parts[2]));
                case "remove" -> remove(section(form, parts[1]), Integer.parseInt(parts[2]));
                case "addAction" -> form.getActions().add(ActionForm.of(newActionType));
                case "removeAction" -> form.getActions().remove(Integer.parseInt(parts[1]));
                case "addField" ->
                    form.getActions().get(Integer.parseInt(parts[1])).add("", FieldRow.PATH, "");
                case "removeField" ->
                    form.getActions()
                            .get(Integer.parseInt(parts[1]))
                            .getFields()
                            .remove(Integer.parseInt(parts[2]));
                default -> {
                    // Not an editing button: nothing to change.
                }
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            // A stale page (the line is gone already): leave the form as it is.
        }
    }

    private static List<ConditionRow> section(RuleForm form, String name) {
        return "any".equals(name) ? form.getAny() : form.getAll();
    }

    /** Adds a condition as the last line inside the group at {@code index}. */
    private static void addInside(List<ConditionRow> rows, int index) {
        ConditionRow group = rows.get(index);
        int end = subtreeEnd(rows, index);
        rows.add(end, ConditionRow.test(group.getDepth() + 1, "", "equals", "", "text", false));
    }

    /** Removes a line, and for a group everything inside it. */
    private static void remove(List<ConditionRow> rows, int index) {
        int end = subtreeEnd(rows, index);
        rows.subList(index, end).clear();
    }

    private static int subtreeEnd(List<ConditionRow> rows, int index) {
        int depth = rows.get(index).getDepth();
        int end = index + 1;
        while (end < rows.size() && rows.get(end).getDepth() > depth) {
            end++;
        }
        return rows.get(index).isGroup() ? end : index + 1;
    }
}
