package dev.switchboard.ingest;

import dev.switchboard.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of whole intake requests as RFC 9457 problems; nothing of a refused request is stored. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = {IntakeController.class, SegmentWebhookController.class})
class IntakeExceptionHandler {

    @ExceptionHandler
    ProblemDetail malformed(MalformedPayloadException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail missingBody(HttpMessageNotReadableException e) {
        return Problems.of(
                HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", "The body is empty; it must be JSON.");
    }
}
