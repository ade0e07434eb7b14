package dev.switchboard.mapping;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code identify}: upsert the subscriber with {@code POST /v2/subscribers} ({@code CreateSubscriberRequestDto}). */
final class IdentifyAction extends MappedAction {

    static final List<String> FIELDS;

    static {
        List<String> fields = new ArrayList<>(List.of("type"));
        fields.addAll(SubscriberMapping.FIELDS);
        fields.add("delay");
        FIELDS = List.copyOf(fields);
    }

    private final SubscriberMapping subscriber;

    private IdentifyAction(ActionFields fields, JsonNode definition) {
        super(fields, definition);
        this.subscriber = SubscriberMapping.compileFields(fields, "");
    }

    static IdentifyAction compile(ActionFields fields, JsonNode definition) {
        fields.allowOnly(FIELDS, "identify");
        return new IdentifyAction(fields, definition);
    }

    @Override
    ActionOutcome render(FieldReader reader, ActionContext context) {
        return call(reader, context, "POST", "/v2/subscribers", subscriber.render(reader), null);
    }
}
