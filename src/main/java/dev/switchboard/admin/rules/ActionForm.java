package dev.switchboard.admin.rules;

import java.util.ArrayList;
import java.util.List;

/** One action of the builder: its type, an optional delay, and its mapped fields. */
public class ActionForm {

    private String type = "trigger";
    private String delay = "";
    private List<FieldRow> fields = new ArrayList<>();

    public ActionForm() {}

    /** A new action of a type, with the fields a marketer usually fills in, most already mapped. */
    static ActionForm of(String type) {
        ActionForm action = new ActionForm();
        action.type = type;
        switch (type) {
            case "trigger" -> {
                action.add("workflowId", FieldRow.TEXT, "");
                action.add("to.subscriberId", FieldRow.PATH, "$.userId");
                action.add("to.email", FieldRow.PATH, "$.context.traits.email");
                action.add("to.firstName", FieldRow.PATH, "$.context.traits.firstName");
                action.add("", FieldRow.PATH, "");
            }
            case "identify" -> {
                action.add("subscriberId", FieldRow.PATH, "$.userId");
                action.add("email", FieldRow.PATH, "$.traits.email");
                action.add("firstName", FieldRow.PATH, "$.traits.firstName");
                action.add("lastName", FieldRow.PATH, "$.traits.lastName");
            }
            case "delete_subscriber" -> action.add("subscriberId", FieldRow.PATH, "$.userId");
            case "add_to_topic", "remove_from_topic" -> {
                action.add("topicKey", FieldRow.TEXT, "");
                action.add("subscriberId", FieldRow.PATH, "$.userId");
            }
            case "cancel" -> {
                action.add("rule", FieldRow.TEXT, "");
                action.add("within", FieldRow.TEXT, "PT2H");
            }
            default -> action.add("", FieldRow.PATH, "");
        }
        return action;
    }

    void add(String name, String source, String value) {
        fields.add(new FieldRow(name, source, value));
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type == null ? "trigger" : type;
    }

    public String getDelay() {
        return delay;
    }

    public void setDelay(String delay) {
        this.delay = delay == null ? "" : delay.trim();
    }

    public List<FieldRow> getFields() {
        return fields;
    }

    public void setFields(List<FieldRow> fields) {
        this.fields = fields;
    }
}
