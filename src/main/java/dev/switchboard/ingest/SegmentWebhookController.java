package dev.switchboard.ingest;

import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Segment Webhooks destination: one message per request, signed with {@code X-Signature} (checked before
 * this runs). Segment forwards GDPR {@code delete} messages here too.
 */
@RestController
class SegmentWebhookController {

    private final SegmentPayloadParser parser;
    private final EventIntake intake;

    SegmentWebhookController(SegmentPayloadParser parser, EventIntake intake) {
        this.parser = parser;
        this.intake = intake;
    }

    @PostMapping("/webhooks/segment")
    ResponseEntity<Object> receive(@RequestBody byte[] body, Principal webhook) {
        return IntakeAnswers.single(intake.acceptFromSegment(webhook.getName(), parser.parseSingle(body)));
    }
}
