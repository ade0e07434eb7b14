package dev.switchboard.admin.audit;

import dev.switchboard.admin.rules.TraceRow;
import dev.switchboard.audit.EventDetail;
import dev.switchboard.audit.EventLog;
import dev.switchboard.dispatch.FailedDeliveries;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /audit/{id}}: one message's chain as a timeline (received, each rule decision with its explanation,
 * each delivery with its exact Novu request, each attempt with Novu's answer); editors may send a dead or failed
 * delivery again.
 */
@Controller
class AuditDetailController {

    /** A decision with its explanation flattened into lines. */
    record DecisionView(EventDetail.Decision decision, List<TraceRow> trace) {}

    /**
     * A delivery with the workflow it triggers (if it is a trigger), its request body pretty-printed and whether
     * a person may send it again.
     */
    record DeliveryView(
            EventDetail.Delivery delivery,
            @Nullable String workflow,
            @Nullable String body,
            boolean retryable) {}

    private final EventLog events;
    private final FailedDeliveries retry;
    private final JsonMapper json;

    AuditDetailController(EventLog events, FailedDeliveries retry, JsonMapper json) {
        this.events = events;
        this.retry = retry;
        this.json = json;
    }

    @GetMapping("/audit/{id}")
    String show(@PathVariable String id, Model model) {
        EventDetail detail = find(id).orElseThrow(EventNotFound::new);
        model.addAttribute("event", detail.summary());
        model.addAttribute("payload", pretty(detail.message()));
        model.addAttribute(
                "decisions",
                detail.decisions().stream()
                        .map(d -> new DecisionView(d, TraceRow.of(tree(d.explanation()))))
                        .toList());
        model.addAttribute(
                "deliveries",
                detail.deliveries().stream()
                        .map(d -> new DeliveryView(
                                d, workflow(d), pretty(d.request().body()), FailedDeliveries.retryable(d.status())))
                        .toList());
        return "admin/audit/detail";
    }

    @PostMapping("/audit/{id}/deliveries/{delivery}/retry")
    String retry(@PathVariable String id, @PathVariable UUID delivery, RedirectAttributes redirect) {
        EventDetail detail = find(id).orElseThrow(EventNotFound::new);
        boolean ofThisMessage = detail.deliveries().stream().anyMatch(d -> d.id().equals(delivery));
        if (!ofThisMessage) {
            redirect.addFlashAttribute("error", "This message has no such delivery.");
        } else if (retry.retry(List.of(delivery)) == 1) {
            redirect.addFlashAttribute(
                    "message", "Queued again: the delivery will be sent with the same transactionId.");
        } else {
            redirect.addFlashAttribute("error", "Not sent again: only dead or failed deliveries can be retried.");
        }
        return "redirect:/audit/" + detail.summary().id();
    }

    @ExceptionHandler(EventNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    /** No stored message has the id in the URL (or it is no id at all). */
    static final class EventNotFound extends RuntimeException {
        EventNotFound() {
            super("no such stored message");
        }
    }

    private Optional<EventDetail> find(String id) {
        try {
            return events.get(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private @Nullable String workflow(EventDetail.Delivery delivery) {
        JsonNode body = tree(delivery.request().body());
        if (!"trigger".equals(delivery.actionType())
                || body == null
                || !body.path("name").isString()) {
            return null;
        }
        return body.path("name").asString();
    }

    private @Nullable JsonNode tree(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Pretty JSON for reading; text that is not JSON is shown as it is. */
    private @Nullable String pretty(@Nullable String text) {
        JsonNode node = tree(text);
        return node == null ? text : json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }
}
