package dev.switchboard.ingest;

import dev.switchboard.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The answers Segment senders understand: {@code 200 {"success": true}} as JSON (analytics-java treats an
 * empty 200 as a failure and retries) and RFC 9457 problems for refusals.
 */
final class IntakeAnswers {

    /**
     * Written as it is, with its Content-Type set: Spring MVC then neither negotiates a type with the request's
     * Accept header nor serializes a map, on every single-message request.
     */
    private static final ResponseEntity<Object> SUCCESS = ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"success\":true}".getBytes(StandardCharsets.UTF_8));

    private IntakeAnswers() {}

    static ResponseEntity<Object> single(IntakeResult result) {
        if (result.rejected().isEmpty()) {
            return SUCCESS;
        }
        IntakeResult.Refusal refusal = result.rejected().get(0);
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-message", "Invalid message", refusal.detail());
        problem.setProperty("messageId", refusal.messageId());
        problem.setProperty(
                "errors",
                List.of(Map.of("field", refusal.field(), "code", refusal.code(), "detail", refusal.detail())));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(problem);
    }

    static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, type, title, detail));
    }
}
