package dev.switchboard.novu;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Novu's answers, judged. A trigger's 201 is only a delivery when its {@code status} is {@code processed}; any
 * other status ({@code trigger_not_active}, {@code invalid_recipients}, ...) will be the same next time, so it
 * is permanent. 408, 409 (the same Idempotency-Key still in progress), 429, 5xx and network failures may pass
 * next time; every other 4xx will not.
 */
final class OutcomeClassifier {

    private static final Set<Integer> RETRYABLE = Set.of(408, 409, 429);

    private final JsonMapper json;
    private final Clock clock;

    OutcomeClassifier(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    NovuResult answer(NovuRequest request, int status, HttpHeaders headers, String body, Duration latency) {
        String excerpt = excerpt(body);
        Duration retryAfter = retryAfter(headers);
        if (status >= 200 && status < 300) {
            JsonNode data = data(body);
            return request.isTrigger()
                    ? trigger(status, data, excerpt, latency)
                    : other(status, data, excerpt, latency);
        }
        NovuResult.Outcome outcome =
                RETRYABLE.contains(status) || status >= 500 ? NovuResult.Outcome.RETRY : NovuResult.Outcome.PERMANENT;
        return new NovuResult(
                outcome, status, errorReason(request, status, body), retryAfter, null, excerpt, null, latency);
    }

    NovuResult failure(String reason, Duration latency) {
        return new NovuResult(NovuResult.Outcome.RETRY, null, truncate(reason, 500), null, null, null, null, latency);
    }

    private NovuResult trigger(int status, @Nullable JsonNode data, String excerpt, Duration latency) {
        String triggerStatus = data == null ? null : text(data.get("status"));
        String transactionId = data == null ? null : text(data.get("transactionId"));
        if (triggerStatus == null || "processed".equals(triggerStatus)) {
            // No status at all is not a refusal Novu ever answers with; a 2xx without one is taken as accepted.
            return new NovuResult(
                    NovuResult.Outcome.DELIVERED,
                    status,
                    triggerStatus == null ? "accepted" : "processed",
                    null,
                    transactionId,
                    excerpt,
                    null,
                    latency);
        }
        String reason = triggerStatus;
        JsonNode errors = data.get("error");
        if (errors != null && !errors.isNull() && !errors.isEmpty()) {
            reason += ": " + truncate(errors.toString(), 400);
        }
        return new NovuResult(
                NovuResult.Outcome.PERMANENT, status, reason, null, transactionId, excerpt, null, latency);
    }

    /**
     * Any other call: a 2xx is done. Topic subscriptions answer 2xx with per-subscriber {@code errors} (an
     * unknown subscriberId, say); those are recorded but the delivery counts as delivered: the call did what it
     * could, and repeating it would fail the same items again.
     */
    private NovuResult other(int status, @Nullable JsonNode data, String excerpt, Duration latency) {
        String partial = null;
        if (data != null) {
            JsonNode errors = data.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                partial = truncate(errors.toString(), 1000);
            }
        }
        return new NovuResult(
                NovuResult.Outcome.DELIVERED,
                status,
                partial == null ? "ok" : "ok with errors",
                null,
                null,
                excerpt,
                partial,
                latency);
    }

    private String errorReason(NovuRequest request, int status, String body) {
        JsonNode error = parse(body);
        String message = error == null ? null : text(error.get("message"));
        if (status == 422 && body.toLowerCase(Locale.ROOT).contains("workflow_not_found")
                || status == 422
                        && message != null
                        && message.toLowerCase(Locale.ROOT).matches(".*workflow.*not.*found.*")) {
            String workflow = request.isTrigger() ? workflowOf(request.body()) : null;
            return "workflow_not_found: " + (workflow == null ? "(unknown workflow)" : workflow);
        }
        if (status == 402) {
            return "payment_required: "
                    + (message == null ? "the Novu plan's limit is reached" : truncate(message, 300));
        }
        return "HTTP " + status + (message == null ? "" : ": " + truncate(message, 400));
    }

    private @Nullable String workflowOf(@Nullable String body) {
        JsonNode node = parse(body);
        return node == null ? null : text(node.get("name"));
    }

    /** The longest wait Novu asked for: {@code Retry-After} (seconds or an HTTP date), {@code RateLimit-Reset}. */
    private @Nullable Duration retryAfter(HttpHeaders headers) {
        Duration retryAfter = seconds(headers.getFirst(HttpHeaders.RETRY_AFTER));
        if (retryAfter == null) {
            retryAfter = date(headers.getFirst(HttpHeaders.RETRY_AFTER));
        }
        Duration reset = seconds(headers.getFirst("RateLimit-Reset"));
        if (retryAfter == null) {
            return reset;
        }
        return reset == null || retryAfter.compareTo(reset) >= 0 ? retryAfter : reset;
    }

    private static @Nullable Duration seconds(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private @Nullable Duration date(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The {@code {"data": ...}} envelope of Novu's 2xx answers, unwrapped; the whole answer if there is none. */
    private @Nullable JsonNode data(String body) {
        JsonNode node = parse(body);
        if (node == null) {
            return null;
        }
        JsonNode data = node.get("data");
        return data != null && data.isObject() ? data : node.isObject() && data == null ? node : null;
    }

    private @Nullable JsonNode parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
    }

    static String excerpt(String body) {
        return truncate(body, NovuClient.EXCERPT);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
