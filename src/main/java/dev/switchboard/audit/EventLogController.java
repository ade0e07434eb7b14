package dev.switchboard.audit;

import dev.switchboard.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/events}: what arrived, newest first; {@code GET /api/events/{id}}: one message in full. */
@RestController
class EventLogController {

    private final EventLog events;

    EventLogController(EventLog events) {
        this.events = events;
    }

    @GetMapping("/api/events")
    Map<String, Object> list(@ModelAttribute EventQuery query) {
        List<EventSummary> page = events.find(query);
        boolean more = page.size() == query.pageSize();
        return more ? Map.of("events", page, "next", page.get(page.size() - 1).id()) : Map.of("events", page);
    }

    @GetMapping("/api/events/{id}")
    ResponseEntity<Object> show(@PathVariable UUID id) {
        return events.get(id)
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No event has id " + id)));
    }
}
