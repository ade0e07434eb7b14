package dev.switchboard.mapping;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code delete_subscriber}: {@code DELETE /v2/subscribers/{subscriberId}}, no body. */
final class DeleteSubscriberAction extends MappedAction {

    static final List<String> FIELDS = List.of("type", "subscriberId", "delay");

    private final MappedValue subscriberId;

    private DeleteSubscriberAction(ActionFields fields, JsonNode definition) {
        super(fields, definition);
        this.subscriberId = fields.requiredId("subscriberId");
    }

    static DeleteSubscriberAction compile(ActionFields fields, JsonNode definition) {
        fields.allowOnly(FIELDS, "delete_subscriber");
        return new DeleteSubscriberAction(fields, definition);
    }

    @Override
    ActionOutcome render(FieldReader reader, ActionContext context) {
        String id = reader.requiredId(subscriberId, "subscriberId");
        return call(reader, context, "DELETE", "/v2/subscribers/" + pathSegment(id), null, null);
    }
}
