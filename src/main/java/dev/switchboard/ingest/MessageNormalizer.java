package dev.switchboard.ingest;

import dev.switchboard.message.Ids;
import dev.switchboard.message.IsoTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns one raw message into an {@link AcceptedMessage} or a {@link RejectedMessage}: checks what Segment
 * requires of each type, merges the batch-level fields and sets the fields a Segment server sets.
 */
final class MessageNormalizer {

    static final Set<String> TRACKING_TYPES = Set.of("track", "identify", "page", "screen", "group", "alias");
    private static final int MAX_MESSAGE_ID_LENGTH = 100;
    private static final int MAX_ID_LENGTH = 1024;

    /**
     * How a request's messages are read.
     *
     * @param pathType the type named by a single-message path ({@code /v1/track}), which wins over the body
     * @param allowedTypes the types this endpoint takes
     * @param fromSegment true for the webhook: Segment has already set receivedAt and corrected timestamps
     */
    record Rules(
            @Nullable String pathType,
            Set<String> allowedTypes,
            boolean fromSegment,
            long maxMessageBytes,
            Map<String, Object> batchFields,
            Instant receivedAt) {}

    private MessageNormalizer() {}

    static IntakeItem normalize(RawMessage raw, Rules rules) {
        if (!(raw.value() instanceof Map<?, ?> original)) {
            return reject(raw, null, "", "bad_request", "A message must be a JSON object.");
        }
        Map<String, Object> message = copy(original);
        String messageId;
        Object givenId = message.get("messageId");
        if (givenId == null || "".equals(givenId)) {
            messageId = "sb-" + Ids.newId();
            message.put("messageId", messageId);
        } else if (givenId instanceof String || givenId instanceof Number) {
            messageId = givenId.toString();
            message.put("messageId", messageId);
        } else {
            return reject(raw, null, "messageId", "messageId_not_string", "messageId must be a string.");
        }
        if (messageId.length() > MAX_MESSAGE_ID_LENGTH) {
            return reject(
                    raw,
                    messageId.substring(0, MAX_MESSAGE_ID_LENGTH),
                    "messageId",
                    "messageId_too_long",
                    "messageId has " + messageId.length() + " characters; at most 100 are allowed.");
        }
        MessageProblem problem = check(message, raw, rules);
        if (problem != null) {
            return new RejectedMessage(raw.index(), raw.value(), messageId, problem);
        }
        Instant timestamp = stampTimes(message, rules);
        String type = (String) message.get("type");
        String event = "track".equals(type) ? (String) message.get("event") : stringOrNull(message.get("name"));
        return new AcceptedMessage(
                raw.index(),
                type,
                messageId,
                stringOrNull(message.get("userId")),
                stringOrNull(message.get("anonymousId")),
                event,
                timestamp,
                message);
    }

    private static @Nullable MessageProblem check(Map<String, Object> message, RawMessage raw, Rules rules) {
        if (raw.size() > rules.maxMessageBytes()) {
            return new MessageProblem(
                    "",
                    "message_too_large",
                    "The message has " + raw.size() + " bytes; at most " + rules.maxMessageBytes() + " are allowed.");
        }
        message.remove("writeKey");
        if (rules.pathType() != null) {
            message.put("type", rules.pathType());
        }
        Object type = message.get("type");
        if (!(type instanceof String t) || !rules.allowedTypes().contains(t)) {
            return new MessageProblem(
                    "type",
                    "type_invalid",
                    "type must be one of " + String.join(", ", sorted(rules.allowedTypes())) + ".");
        }
        for (String field : List.of("context", "integrations")) {
            MessageProblem merged =
                    mergeObject(message, field, rules.batchFields().get(field));
            if (merged != null) {
                return merged;
            }
        }
        if (!message.containsKey("sentAt") && rules.batchFields().get("sentAt") != null) {
            message.put("sentAt", rules.batchFields().get("sentAt"));
        }
        for (String field : List.of("timestamp", "sentAt")) {
            Object value = message.get(field);
            if (value != null && instant(value) == null) {
                return new MessageProblem(
                        field,
                        field + "_invalid",
                        field + " must be an ISO-8601 date-time such as 2026-11-28T10:15:30.000Z.");
            }
        }
        MessageProblem ids = normalizeIds(message);
        if (ids != null) {
            return ids;
        }
        return checkType(message, t);
    }

    private static @Nullable MessageProblem normalizeIds(Map<String, Object> message) {
        for (String field : List.of("userId", "anonymousId", "groupId", "previousId")) {
            Object value = message.get(field);
            if (value == null || "".equals(value)) {
                message.remove(field);
            } else if (value instanceof Number) {
                // Some libraries send numeric ids; Segment treats them as strings.
                message.put(field, value.toString());
            } else if (!(value instanceof String)) {
                return new MessageProblem(field, "id_not_string", field + " must be a string.");
            } else if (((String) value).length() > MAX_ID_LENGTH) {
                return new MessageProblem(field, "id_too_long", field + " is longer than 1024 characters.");
            }
        }
        return null;
    }

    private static @Nullable MessageProblem checkType(Map<String, Object> message, String type) {
        boolean hasId = message.containsKey("userId") || message.containsKey("anonymousId");
        switch (type) {
            case "alias" -> {
                if (!message.containsKey("userId")) {
                    return new MessageProblem("userId", "id_required", "An alias needs userId (the new id).");
                }
                if (!message.containsKey("previousId")) {
                    return new MessageProblem(
                            "previousId", "id_required", "An alias needs previousId (the id being merged).");
                }
            }
            case "delete" -> {
                if (!message.containsKey("userId")) {
                    return new MessageProblem("userId", "id_required", "A delete needs the userId to delete.");
                }
            }
            default -> {
                if (!hasId) {
                    return new MessageProblem(
                            "userId", "no_user_anon_id", "A " + type + " needs userId or anonymousId.");
                }
            }
        }
        return switch (type) {
            case "track" -> checkTrack(message);
            case "identify", "group" -> checkGroupAndTraits(message, type);
            case "page", "screen" -> checkPage(message);
            default -> null;
        };
    }

    private static @Nullable MessageProblem checkTrack(Map<String, Object> message) {
        Object event = message.get("event");
        if (event == null || "".equals(event)) {
            return new MessageProblem("event", "event_not_defined", "A track needs an event name.");
        }
        if (!(event instanceof String)) {
            return new MessageProblem("event", "event_not_string", "event must be a string.");
        }
        return objectOrAbsent(message, "properties");
    }

    private static @Nullable MessageProblem checkGroupAndTraits(Map<String, Object> message, String type) {
        if ("group".equals(type) && !message.containsKey("groupId")) {
            return new MessageProblem("groupId", "id_required", "A group needs groupId.");
        }
        return objectOrAbsent(message, "traits");
    }

    private static @Nullable MessageProblem checkPage(Map<String, Object> message) {
        for (String field : List.of("name", "category")) {
            Object value = message.get(field);
            if (value != null && (!(value instanceof String s) || s.isEmpty())) {
                return new MessageProblem(field, field + "_not_string", field + " must be a non-empty string.");
            }
        }
        return objectOrAbsent(message, "properties");
    }

    private static @Nullable MessageProblem objectOrAbsent(Map<String, Object> message, String field) {
        Object value = message.get(field);
        if (value != null && !(value instanceof Map<?, ?>)) {
            return new MessageProblem(field, field + "_not_object", field + " must be a JSON object.");
        }
        return null;
    }

    /**
     * Batch-level context and integrations fill in what a message lacks (the message wins). Segment's delete
     * messages carry {@code null} or {@code []} here, which mean "none".
     */
    @SuppressWarnings("unchecked")
    private static @Nullable MessageProblem mergeObject(
            Map<String, Object> message, String field, @Nullable Object batchValue) {
        Object own = message.get(field);
        if (own == null || (own instanceof List<?> list && list.isEmpty())) {
            message.remove(field);
            own = null;
        } else if (!(own instanceof Map<?, ?>)) {
            return new MessageProblem(field, field + "_not_object", field + " must be a JSON object.");
        }
        if (batchValue instanceof Map<?, ?> shared && !shared.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) shared);
            if (own != null) {
                merged.putAll((Map<String, Object>) own);
            }
            message.put(field, merged);
        }
        return null;
    }

    /**
     * Sets receivedAt and originalTimestamp and corrects the client clock as Segment does:
     * {@code timestamp = receivedAt - (sentAt - originalTimestamp)}.
     */
    private static Instant stampTimes(Map<String, Object> message, Rules rules) {
        Instant receivedAt = rules.receivedAt();
        Instant timestamp = instant(message.get("timestamp"));
        if (rules.fromSegment()) {
            Instant given = instant(message.get("receivedAt"));
            message.putIfAbsent("receivedAt", IsoTimes.format(receivedAt));
            return timestamp != null ? timestamp : given != null ? given : receivedAt;
        }
        Instant sentAt = instant(message.get("sentAt"));
        message.put("receivedAt", IsoTimes.format(receivedAt));
        if (timestamp == null) {
            message.put("timestamp", IsoTimes.format(receivedAt));
            return receivedAt;
        }
        message.put("originalTimestamp", message.get("timestamp"));
        Instant corrected = sentAt == null ? timestamp : receivedAt.minus(Duration.between(timestamp, sentAt));
        message.put("timestamp", IsoTimes.format(corrected));
        return corrected;
    }

    /** Parses an ISO-8601 date-time; anything else (or nothing) is null. Validated before this is called. */
    static @Nullable Instant instant(@Nullable Object value) {
        return value instanceof String text ? IsoTimes.parse(text) : null;
    }

    private static @Nullable String stringOrNull(@Nullable Object value) {
        return value instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<?, ?> original) {
        return new LinkedHashMap<>((Map<String, Object>) original);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static RejectedMessage reject(
            RawMessage raw, @Nullable String messageId, String field, String code, String detail) {
        return new RejectedMessage(
                raw.index(),
                raw.value(),
                messageId != null ? messageId : "sb-" + Ids.newId(),
                new MessageProblem(field, code, detail));
    }
}
