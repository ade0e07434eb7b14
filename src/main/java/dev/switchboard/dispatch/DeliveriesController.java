package dev.switchboard.dispatch;

import dev.switchboard.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead letters and their replay: {@code GET /api/deliveries} (filters: status, rule, user, from, to; newest
 * first; limit), {@code GET /api/deliveries/{id}} with its attempts, {@code POST /api/deliveries/{id}/retry} and
 * {@code POST /api/deliveries/retry} for every delivery matching a filter. A retry sends the stored request again,
 * with the same transactionId and Idempotency-Key.
 */
@RestController
class DeliveriesController {

    /** Finished without being delivered, or never sent (dry run): the states a person may send again. */
    static final List<String> RETRYABLE = List.of(Delivery.DEAD, Delivery.FAILED, Delivery.DRY_RUN);

    private static final Set<String> STATUSES = Set.copyOf(Outbox.STATUSES);

    private final DeliveryStore store;
    private final Dispatcher dispatcher;
    private final Clock clock;

    DeliveriesController(DeliveryStore store, Dispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @GetMapping("/api/deliveries")
    Map<String, Object> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String user,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new BadRequest("limit must be between 1 and 500");
        }
        List<Delivery> found = store.find(filter(status, rule, user, from, to), limit);
        return Map.of(
                "deliveries", found.stream().map(DeliveriesController::view).toList());
    }

    @GetMapping("/api/deliveries/{id}")
    ResponseEntity<Object> show(@PathVariable UUID id) {
        return store.get(id)
                .<ResponseEntity<Object>>map(delivery -> {
                    Map<String, Object> body = view(delivery);
                    body.put("body", delivery.body());
                    body.put("attempts", store.attempts(id));
                    return ResponseEntity.ok(body);
                })
                .orElseGet(() -> notFound(id));
    }

    @PostMapping("/api/deliveries/{id}/retry")
    ResponseEntity<Object> retry(@PathVariable UUID id) {
        var delivery = store.get(id);
        if (delivery.isEmpty()) {
            return notFound(id);
        }
        if (store.requeue(id, RETRYABLE, clock.instant()) == 0) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Problems.of(
                            HttpStatus.CONFLICT,
                            "not-retryable",
                            "Not retryable",
                            "Delivery " + id + " is " + delivery.get().status() + "; only " + RETRYABLE
                                    + " deliveries can be sent again"));
        }
        dispatcher.wake();
        return ResponseEntity.accepted().body(view(store.get(id).orElseThrow()));
    }

    /** Re-queues every delivery matching the filter; {@code status} defaults to dead. */
    @PostMapping("/api/deliveries/retry")
    ResponseEntity<Object> retryAll(
            @RequestParam(defaultValue = Delivery.DEAD) String status,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String user,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        if (!RETRYABLE.contains(status)) {
            throw new BadRequest("status must be one of " + RETRYABLE);
        }
        int requeued = store.requeue(filter(status, rule, user, from, to), RETRYABLE, clock.instant());
        dispatcher.wake();
        return ResponseEntity.accepted().body(Map.of("requeued", requeued));
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequest e) {
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-filter", "Invalid filter", e.getMessage()));
    }

    private static DeliveryFilter filter(
            @Nullable String status,
            @Nullable String rule,
            @Nullable String user,
            @Nullable String from,
            @Nullable String to) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequest(
                    "status must be one of " + STATUSES.stream().sorted().toList());
        }
        return DeliveryFilter.of(status, rule, user, instant("from", from), instant("to", to));
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static ResponseEntity<Object> notFound(UUID id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No delivery has id " + id));
    }

    static Map<String, Object> view(Delivery d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("eventId", d.eventId());
        view.put("messageId", d.messageId());
        view.put("rule", d.ruleKey());
        view.put("ruleVersion", d.ruleVersion());
        view.put("actionIndex", d.actionIndex());
        view.put("actionType", d.actionType());
        view.put("userId", d.userId());
        view.put("method", d.method());
        view.put("path", d.path());
        view.put("transactionId", d.transactionId());
        view.put("status", d.status());
        view.put("attemptCount", d.attempts());
        view.put("createdAt", d.createdAt());
        view.put("dueAt", d.dueAt());
        view.put("lastHttpStatus", d.lastHttpStatus());
        view.put("lastError", d.lastError());
        view.put("novuTransactionId", d.novuTransactionId());
        view.put("finishedAt", d.finishedAt());
        return view;
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
