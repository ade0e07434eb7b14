package dev.switchboard.admin.rules;

import dev.switchboard.rules.RuleProblem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule builder's form, converting itself to rule JSON ({@link #toJson}) and back ({@link #from}). Nested
 * condition groups are flat lists of {@link ConditionRow}s with a depth; action fields are dotted names with a
 * value source ({@link FieldRow}). Whatever the form cannot say exactly shows up in {@link #expresses}, and the
 * builder then offers the JSON editor instead.
 */
public class RuleForm {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String key = "";
    private String name = "";
    private String description = "";
    private boolean enabled = true;
    private String priority = "100";
    private boolean stopProcessing;
    private List<String> types = new ArrayList<>();
    private List<String> events = new ArrayList<>();
    private List<ConditionRow> all = new ArrayList<>();
    private List<ConditionRow> any = new ArrayList<>();
    private String expression = "";
    private List<ActionForm> actions = new ArrayList<>();

    public RuleForm() {}

    /** A blank rule: a track event, an empty condition line, one trigger action. */
    static RuleForm blank() {
        RuleForm form = new RuleForm();
        form.types.add("track");
        form.events.add("");
        form.all.add(ConditionRow.test(0, "", "equals", "", "text", false));
        form.actions.add(ActionForm.of("trigger"));
        return form;
    }

    /** The rule JSON this form says. */
    public ObjectNode toJson() {
        return toJson(new ArrayList<>());
    }

    /**
     * The rule JSON this form says, adding to {@code problems} what the form itself got wrong (a value that is not
     * a number, broken JSON), located like the compiler's problems.
     */
    public ObjectNode toJson(List<RuleProblem> problems) {
        ObjectNode rule = NODES.objectNode();
        rule.put("key", key.trim());
        rule.put("name", name.trim());
        rule.put("description", description);
        rule.put("enabled", enabled);
        rule.set("priority", priority(problems));
        rule.put("stopProcessing", stopProcessing);
        ObjectNode when = rule.putObject("when");
        ArrayNode typeArray = when.putArray("type");
        types.stream().filter(t -> !t.isBlank()).forEach(typeArray::add);
        ArrayNode eventArray = when.putArray("event");
        events.stream().map(String::trim).filter(e -> !e.isEmpty()).forEach(eventArray::add);
        when.set("all", conditions(all, "when.all", problems));
        when.set("any", conditions(any, "when.any", problems));
        if (expression.isBlank()) {
            when.putNull("expression");
        } else {
            when.put("expression", expression);
        }
        ArrayNode actionArray = rule.putArray("actions");
        for (int i = 0; i < actions.size(); i++) {
            actionArray.add(ActionJson.toJson(actions.get(i), "actions[" + i + "]", problems));
        }
        return rule;
    }

    /** The form for rule JSON; {@link #expresses} tells whether it says all of it. */
    public static RuleForm from(JsonNode rule) {
        RuleForm form = new RuleForm();
        form.key = rule.path("key").asString("");
        form.name = rule.path("name").asString("");
        form.description = rule.path("description").asString("");
        form.enabled = rule.path("enabled").asBoolean(true);
        form.priority = rule.has("priority") ? rule.get("priority").toString() : "100";
        form.stopProcessing = rule.path("stopProcessing").asBoolean(false);
        JsonNode when = rule.path("when");
        when.path("type").forEach(t -> form.types.add(t.asString()));
        when.path("event").forEach(e -> form.events.add(e.asString()));
        when.path("all").forEach(c -> flatten(c, 0, form.all));
        when.path("any").forEach(c -> flatten(c, 0, form.any));
        form.expression =
                when.path("expression").isString() ? when.get("expression").asString() : "";
        rule.path("actions").forEach(a -> form.actions.add(ActionJson.from(a)));
        return form;
    }

    /** Whether this form, converted back, is exactly {@code rule} (compared as JSON, key order aside). */
    public boolean expresses(JsonNode rule) {
        return toJson().equals(rule);
    }

    private JsonNode priority(List<RuleProblem> problems) {
        try {
            return NODES.numberNode(Integer.parseInt(priority.trim()));
        } catch (NumberFormatException e) {
            problems.add(new RuleProblem("priority", "must be a whole number, such as 100"));
            return NODES.numberNode(100);
        }
    }

    private static ArrayNode conditions(List<ConditionRow> rows, String location, List<RuleProblem> problems) {
        ArrayNode array = NODES.arrayNode();
        readList(rows, 0, 0, array, location, problems);
        return array;
    }

    /** Reads the lines from {@code i} at {@code depth} into {@code out}; returns the first line it did not read. */
    private static int readList(
            List<ConditionRow> rows, int start, int depth, ArrayNode out, String location, List<RuleProblem> problems) {
        int i = start;
        while (i < rows.size()) {
            ConditionRow row = rows.get(i);
            if (row.getDepth() < depth) {
                return i;
            }
            String here = location + "[" + out.size() + "]";
            if (!row.isGroup()) {
                i++;
                if (row.getPath().isBlank()) {
                    row.setLocation(null);
                    continue;
                }
                row.setLocation(here);
                out.add(test(row, here, problems));
                continue;
            }
            row.setLocation(here);
            ArrayNode children = NODES.arrayNode();
            String kind = "not".equals(row.getKind()) ? "not" : "any".equals(row.getKind()) ? "any" : "all";
            String childLocation = here + "." + ("not".equals(kind) ? "not.all" : kind);
            int end = readList(rows, i + 1, depth + 1, children, childLocation, problems);
            ObjectNode group = NODES.objectNode();
            if ("not".equals(kind) && children.size() == 1) {
                relocate(rows.subList(i + 1, end), here + ".not.all[0]", here + ".not");
                group.set("not", children.get(0));
            } else if ("not".equals(kind)) {
                group.set("not", NODES.objectNode().set("all", children));
            } else {
                group.set(kind, children);
            }
            out.add(group);
            i = end;
        }
        return i;
    }

    private static void relocate(List<ConditionRow> rows, String from, String to) {
        for (ConditionRow row : rows) {
            String location = row.getLocation();
            if (location != null && location.startsWith(from)) {
                row.setLocation(to + location.substring(from.length()));
            }
        }
    }

    private static ObjectNode test(ConditionRow row, String location, List<RuleProblem> problems) {
        ObjectNode test = NODES.objectNode();
        test.put("path", row.getPath().trim());
        test.put("op", row.getOp());
        if (!Operators.takesNoValue(row.getOp())) {
            test.set("value", value(row, location, problems));
        }
        if (row.isIgnoreCase()) {
            test.put("ignoreCase", true);
        }
        return test;
    }

    private static JsonNode value(ConditionRow row, String location, List<RuleProblem> problems) {
        String text = row.getValue();
        switch (row.getValueType()) {
            case "number" -> {
                JsonNode number = parse(text.trim());
                if (number != null && number.isNumber()) {
                    return number;
                }
                problems.add(new RuleProblem(location + ".value", "must be a number, such as 20 or 19.99"));
                return NODES.stringNode(text);
            }
            case "boolean" -> {
                return NODES.booleanNode(Boolean.parseBoolean(text.trim()));
            }
            case "list" -> {
                ArrayNode list = NODES.arrayNode();
                for (String item : text.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.trim());
                    }
                }
                return list;
            }
            case "json" -> {
                JsonNode json = parse(text);
                if (json == null) {
                    problems.add(new RuleProblem(location + ".value", "is not valid JSON"));
                    return NODES.stringNode(text);
                }
                return json;
            }
            default -> {
                return NODES.stringNode(text);
            }
        }
    }

    static @Nullable JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void flatten(JsonNode condition, int depth, List<ConditionRow> rows) {
        if (condition.has("path")) {
            JsonNode value = condition.get("value");
            String[] typed = typedValue(value);
            rows.add(ConditionRow.test(
                    depth,
                    condition.path("path").asString(""),
                    condition.path("op").asString("equals"),
                    typed[0],
                    typed[1],
                    condition.path("ignoreCase").asBoolean(false)));
            return;
        }
        for (String kind : List.of("all", "any")) {
            if (condition.has(kind)) {
                rows.add(ConditionRow.group(kind, depth));
                condition.get(kind).forEach(c -> flatten(c, depth + 1, rows));
                return;
            }
        }
        if (condition.has("not")) {
            rows.add(ConditionRow.group("not", depth));
            flatten(condition.get("not"), depth + 1, rows);
        }
    }

    /** A condition value as text and the value type that gives it back exactly. */
    private static String[] typedValue(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return new String[] {"", "text"};
        }
        if (value.isString()) {
            return new String[] {value.asString(), "text"};
        }
        if (value.isNumber()) {
            return new String[] {value.toString(), "number"};
        }
        if (value.isBoolean()) {
            return new String[] {value.toString(), "boolean"};
        }
        if (value.isArray() && plainTextList(value)) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asString()));
            return new String[] {String.join(", ", items), "list"};
        }
        return new String[] {value.toString(), "json"};
    }

    private static boolean plainTextList(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isString()
                    || item.asString().contains(",")
                    || item.asString().isBlank()
                    || !item.asString().equals(item.asString().trim())) {
                return false;
            }
        }
        return true;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key == null ? "" : key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority == null ? "" : priority;
    }

    public boolean isStopProcessing() {
        return stopProcessing;
    }

    public void setStopProcessing(boolean stopProcessing) {
        this.stopProcessing = stopProcessing;
    }

    public List<String> getTypes() {
        return types;
    }

    public void setTypes(List<String> types) {
        this.types = types;
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events;
    }

    public List<ConditionRow> getAll() {
        return all;
    }

    public void setAll(List<ConditionRow> all) {
        this.all = all;
    }

    public List<ConditionRow> getAny() {
        return any;
    }

    public void setAny(List<ConditionRow> any) {
        this.any = any;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression == null ? "" : expression;
    }

    public List<ActionForm> getActions() {
        return actions;
    }

    public void setActions(List<ActionForm> actions) {
        this.actions = actions;
    }
}
