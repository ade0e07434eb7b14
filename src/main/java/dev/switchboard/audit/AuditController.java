package dev.switchboard.audit;

import dev.switchboard.web.Problems;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/changes}: the configuration audit, newest first; {@code POST /api/audit/purge-user}
 * (admins): purge everything stored about one userId, as a Segment {@code delete} does.
 */
@RestController
class AuditController {

    private final ChangeLog changes;
    private final UserDataPurge purge;

    AuditController(ChangeLog changes, UserDataPurge purge) {
        this.changes = changes;
        this.purge = purge;
    }

    @GetMapping("/api/audit/changes")
    Map<String, List<ChangeLog.Change>> changes(
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "100") int limit) {
        return Map.of("changes", changes.find(kind, from, to, Math.max(1, Math.min(limit, 500))));
    }

    record PurgeRequest(@Nullable String userId) {}

    @PostMapping("/api/audit/purge-user")
    ResponseEntity<Object> purgeUser(@RequestBody PurgeRequest request, Principal user) {
        if (request.userId() == null || request.userId().isBlank()) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "userId is required"));
        }
        return ResponseEntity.ok(
                Map.of("userId", request.userId(), "purged", purge.purge(request.userId(), user.getName())));
    }
}
