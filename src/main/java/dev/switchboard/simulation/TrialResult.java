package dev.switchboard.simulation;

import dev.switchboard.rules.Explanation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the rules would do with one message: for each matching rule the exact Novu requests (or why an action
 * cannot be sent), for each other rule why not.
 *
 * @param messageId the message's messageId; assigned ({@code test-…}) when the pasted message had none
 */
public record TrialResult(
        String messageId,
        List<Matched> matched,
        List<NotMatched> notMatched,
        @Nullable String stoppedBy) {

    public record Matched(
            String key,
            int version,
            Explanation explanation,
            List<Request> requests,
            List<CancelByRule> cancels,
            List<InvalidAction> invalid) {}

    /** A call Switchboard would make to Novu; {@code body} is the exact JSON it would send. */
    public record Request(
            String type,
            String method,
            String path,
            @Nullable JsonNode body,
            String transactionId,
            String idempotencyKey,
            @Nullable String delay) {}

    public record CancelByRule(
            String rule,
            String within,
            @Nullable String userId,
            @Nullable String delay) {}

    public record InvalidAction(String type, String field, String reason) {}

    /**
     * @param status {@code not_matched}, {@code error} (the condition threw), or {@code skipped} (a rule before it
     *     matched and stops processing)
     */
    public record NotMatched(
            String key,
            int version,
            String status,
            @Nullable String error,
            @Nullable Explanation explanation) {}
}
