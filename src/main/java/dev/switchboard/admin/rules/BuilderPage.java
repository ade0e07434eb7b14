package dev.switchboard.admin.rules;

import dev.switchboard.admin.NovuAccount;
import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.EventQuery;
import dev.switchboard.audit.EventSummary;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Everything the builder page shows besides the form: suggestions, choices, the rule's state and its JSON. */
@Component
class BuilderPage {

    static final List<String> TYPES = List.of("track", "identify", "page", "screen", "group", "alias", "delete");
    static final List<String> ACTION_TYPES =
            List.of("trigger", "identify", "delete_subscriber", "add_to_topic", "remove_from_topic", "cancel");

    /** Field names each action type knows, offered as suggestions. */
    static final Map<String, List<String>> FIELD_NAMES = Map.of(
            "trigger",
            List.of(
                    "workflowId",
                    "to.subscriberId",
                    "to.email",
                    "to.phone",
                    "to.firstName",
                    "to.lastName",
                    "to.locale",
                    "to.timezone",
                    "to.avatar",
                    "payload.",
                    "overrides.",
                    "actor",
                    "tenant",
                    "transactionId"),
            "identify",
            List.of("subscriberId", "email", "phone", "firstName", "lastName", "avatar", "locale", "timezone", "data."),
            "delete_subscriber",
            List.of("subscriberId"),
            "add_to_topic",
            List.of("topicKey", "subscriberId"),
            "remove_from_topic",
            List.of("topicKey", "subscriberId"),
            "cancel",
            List.of("transactionId", "rule", "within"));

    private final RuleCatalog catalog;
    private final TrafficSuggestions traffic;
    private final EventLog events;
    private final JsonMapper json;
    private final NovuAccount novu;

    BuilderPage(RuleCatalog catalog, TrafficSuggestions traffic, EventLog events, JsonMapper json, NovuAccount novu) {
        this.novu = novu;
        this.catalog = catalog;
        this.traffic = traffic;
        this.events = events;
        this.json = json;
    }

    String show(Model model, RuleForm form, @Nullable RuleView rule, FieldErrors errors) {
        JsonNode current = rule == null ? null : rule.current();
        model.addAttribute("form", form);
        model.addAttribute("rule", rule);
        model.addAttribute("isNew", rule == null);
        model.addAttribute("errors", errors);
        model.addAttribute("expressible", current == null || form.expresses(current));
        if (!model.containsAttribute("jsonText")) {
            model.addAttribute(
                    "jsonText",
                    json.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(current == null ? form.toJson() : current));
        }
        model.addAttribute("types", TYPES);
        model.addAttribute("actionTypes", ACTION_TYPES);
        model.addAttribute("fieldNames", FIELD_NAMES);
        model.addAttribute("operators", Operators.CHOICES);
        model.addAttribute("eventNames", traffic.eventNames());
        model.addAttribute("paths", traffic.paths(form.getEvents()));
        model.addAttribute("workflowIds", workflowIds());
        model.addAttribute("recentMessages", recentMessages(form.getEvents()));
        return "admin/rules/builder";
    }

    /**
     * Workflow IDs already used by rules and, when an API key is set, the connected Novu account's workflows (a
     * minute old at most; without them when Novu does not answer).
     */
    List<String> workflowIds() {
        TreeSet<String> ids = new TreeSet<>();
        novu.workflows().forEach(workflow -> ids.add(workflow.workflowId()));
        for (RuleView rule : catalog.list()) {
            rule.current().path("actions").forEach(action -> {
                if (action.path("workflowId").isString()) {
                    ids.add(action.get("workflowId").asString());
                }
            });
        }
        return List.copyOf(ids);
    }

    /** The latest stored messages of the rule's events (of any event when it names none), newest first. */
    List<EventSummary> recentMessages(List<String> eventNames) {
        List<String> names =
                eventNames.stream().filter(e -> !e.isBlank()).distinct().toList();
        if (names.isEmpty()) {
            return events.find(query(null));
        }
        List<EventSummary> found = new ArrayList<>();
        names.forEach(name -> found.addAll(events.find(query(name))));
        found.sort(Comparator.comparing(EventSummary::receivedAt).reversed());
        return found.size() > 20 ? found.subList(0, 20) : found;
    }

    private static EventQuery query(@Nullable String event) {
        return new EventQuery(null, null, null, null, null, event, null, null, null, null, 20);
    }
}
