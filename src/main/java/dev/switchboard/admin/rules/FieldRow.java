package dev.switchboard.admin.rules;

/**
 * One mapped field of an action: a dotted name ({@code workflowId}, {@code to.email}, {@code payload.cartUrl}) and
 * where its value comes from: a path in the message, a template, a fixed text, or any JSON (numbers, {@code @if},
 * {@code @arrayPath} ...).
 */
public class FieldRow {

    static final String PATH = "path";
    static final String TEMPLATE = "template";
    static final String TEXT = "text";
    static final String JSON = "json";

    private String name = "";
    private String source = PATH;
    private String value = "";

    public FieldRow() {}

    FieldRow(String name, String source, String value) {
        this.name = name;
        this.source = source;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name.trim();
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source == null ? PATH : source;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value == null ? "" : value;
    }
}
