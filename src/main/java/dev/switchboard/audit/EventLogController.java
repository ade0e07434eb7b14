package dev.switchboard.audit;

import dev.switchboard.web.Problems;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/events}: what arrived, newest first, with filters and a cursor ({@code next}, passed back as
 * {@code cursor}); {@code GET /api/events/{id}}: one message with its decisions, deliveries and attempts.
 */
@RestController
class EventLogController {

    private final EventLog events;

    EventLogController(EventLog events) {
        this.events = events;
    }

    @GetMapping("/api/events")
    ResponseEntity<Object> list(@ModelAttribute EventQuery query) {
        try {
            return ResponseEntity.ok(events.search(query));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-filter", "Invalid filter", e.getMessage()));
        } catch (SearchTooBroadException e) {
            // A valid request the server will not finish: narrower filters will answer.
            return ResponseEntity.unprocessableContent()
                    .body(Problems.of(
                            HttpStatus.UNPROCESSABLE_CONTENT, "search-too-broad", "Search too broad", e.getMessage()));
        }
    }

    @GetMapping("/api/events/{id}")
    ResponseEntity<Object> show(@PathVariable UUID id) {
        return events.get(id)
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No event has id " + id)));
    }
}
