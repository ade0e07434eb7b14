package dev.switchboard.ingest;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segment's HTTP Tracking API. The body is taken as bytes and parsed as JSON whatever the Content-Type says
 * (browsers send text/plain); the source is the authenticated write key's name.
 */
@RestController
class IntakeController {

    private static final Map<String, String> SHORT_PATHS =
            Map.of("t", "track", "i", "identify", "p", "page", "s", "screen", "g", "group", "a", "alias");

    private final SegmentPayloadParser parser;
    private final EventIntake intake;
    private final IngestProperties properties;

    IntakeController(SegmentPayloadParser parser, EventIntake intake, IngestProperties properties) {
        this.parser = parser;
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping("/v1/{type:track|identify|page|screen|group|alias|t|i|p|s|g|a}")
    ResponseEntity<Object> single(@PathVariable String type, @RequestBody byte[] body, Principal source) {
        SegmentPayload payload = parser.parseSingle(body);
        String pathType = SHORT_PATHS.getOrDefault(type, type);
        return IntakeAnswers.single(intake.accept(source.getName(), payload, pathType));
    }

    @PostMapping({"/v1/batch", "/v1/import", "/v1/import/", "/v1/b"})
    ResponseEntity<Object> batch(@RequestBody byte[] body, Principal source) {
        SegmentPayload payload = parser.parseBatch(body);
        if (payload.messages().isEmpty()) {
            return IntakeAnswers.problem(
                    HttpStatus.BAD_REQUEST, "empty-batch", "Empty batch", "The batch holds no messages.");
        }
        if (payload.messages().size() > properties.maxBatchMessages()) {
            return IntakeAnswers.problem(
                    HttpStatus.BAD_REQUEST,
                    "too-many-messages",
                    "Too many messages",
                    "A batch holds at most " + properties.maxBatchMessages() + " messages; this one has "
                            + payload.messages().size() + ". Nothing was stored: send it in smaller batches.");
        }
        IntakeResult result = intake.accept(source.getName(), payload, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("accepted", result.accepted());
        answer.put("duplicates", result.duplicates());
        answer.put("rejected", result.rejected());
        return ResponseEntity.ok(answer);
    }
}
