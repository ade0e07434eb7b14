package dev.switchboard.mapping;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code add_to_topic} / {@code remove_from_topic}: {@code POST} / {@code DELETE
 * /v2/topics/{topicKey}/subscriptions} with {@code {"subscriptions": [subscriberId]}}.
 */
final class TopicAction extends MappedAction {

    static final List<String> FIELDS = List.of("type", "topicKey", "subscriberId", "delay");

    private final MappedValue topicKey;
    private final MappedValue subscriberId;

    private TopicAction(ActionFields fields, JsonNode definition) {
        super(fields, definition);
        this.topicKey = fields.requiredId("topicKey");
        this.subscriberId = fields.requiredId("subscriberId");
    }

    static TopicAction compile(ActionFields fields, JsonNode definition) {
        fields.allowOnly(FIELDS, fields.type().wireName());
        return new TopicAction(fields, definition);
    }

    @Override
    ActionOutcome render(FieldReader reader, ActionContext context) {
        String topic = reader.requiredId(topicKey, "topicKey");
        String subscriber = reader.requiredId(subscriberId, "subscriberId");
        String method = type() == ActionType.ADD_TO_TOPIC ? "POST" : "DELETE";
        String path = "/v2/topics/" + pathSegment(topic) + "/subscriptions";
        return call(reader, context, method, path, Map.of("subscriptions", List.of(subscriber)), null);
    }
}
