package dev.switchboard.admin.rules;

import org.jspecify.annotations.Nullable;

/**
 * One line of the condition builder. Conditions and groups are a flat list: a group line ({@code all}, {@code
 * any}, {@code not}) holds the lines after it that are deeper, up to the next line at its own depth or less.
 */
public class ConditionRow {

    static final String TEST = "test";

    private String kind = TEST;
    private int depth;
    private String path = "";
    private String op = "equals";
    private String value = "";
    private String valueType = "text";
    private boolean ignoreCase;
    private @Nullable String location;

    public ConditionRow() {}

    static ConditionRow test(int depth, String path, String op, String value, String valueType, boolean ignoreCase) {
        ConditionRow row = new ConditionRow();
        row.depth = depth;
        row.path = path;
        row.op = op;
        row.value = value;
        row.valueType = valueType;
        row.ignoreCase = ignoreCase;
        return row;
    }

    static ConditionRow group(String kind, int depth) {
        ConditionRow row = new ConditionRow();
        row.kind = kind;
        row.depth = depth;
        return row;
    }

    public boolean isGroup() {
        return !TEST.equals(kind);
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public int getDepth() {
        return depth;
    }

    public void setDepth(int depth) {
        this.depth = Math.max(0, Math.min(depth, 10));
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path == null ? "" : path;
    }

    public String getOp() {
        return op;
    }

    public void setOp(String op) {
        this.op = op == null ? "equals" : op;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value == null ? "" : value;
    }

    public String getValueType() {
        return valueType;
    }

    public void setValueType(String valueType) {
        this.valueType = valueType == null ? "text" : valueType;
    }

    public boolean isIgnoreCase() {
        return ignoreCase;
    }

    public void setIgnoreCase(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    /** Where this line sits in the rule JSON ({@code when.all[1].any[0]}), set by {@link RuleForm#toJson}. */
    public @Nullable String getLocation() {
        return location;
    }

    void setLocation(@Nullable String location) {
        this.location = location;
    }
}
