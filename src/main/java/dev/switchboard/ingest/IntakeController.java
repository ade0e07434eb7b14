package dev.switchboard.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Segment's HTTP Tracking API. The body is parsed as JSON whatever the Content-Type says (browsers send
 * text/plain); the source is the authenticated write key's name. The body comes as {@link IntakeBodyFilter} read
 * it, not through {@code @RequestBody}: that would wrap the request's headers and parse its Content-Type again
 * only to hand over the same bytes (7-8% of the CPU a /v1/track request costs, in a profile under load).
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

    /**
     * Literal paths rather than one {@code /v1/{type}} pattern: Spring MVC finds a literal path with one map
     * lookup, but has to test a pattern against every mapping of the application, on every intake request.
     */
    @PostMapping({
        "/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias",
        "/v1/t", "/v1/i", "/v1/p", "/v1/s", "/v1/g", "/v1/a"
    })
    ResponseEntity<Object> single(HttpServletRequest request, Principal source) {
        SegmentPayload payload = parser.parseSingle(IntakeBody.bytesOf(request));
        String path = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return IntakeAnswers.single(intake.accept(source.getName(), payload, SHORT_PATHS.getOrDefault(last, last)));
    }

    @PostMapping({"/v1/batch", "/v1/import", "/v1/import/", "/v1/b"})
    ResponseEntity<Object> batch(HttpServletRequest request, Principal source) {
        SegmentPayload payload = parser.parseBatch(IntakeBody.bytesOf(request));
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
