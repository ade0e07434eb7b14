package dev.switchboard.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** {@code trigger}: {@code POST /v1/events/trigger} with a {@code TriggerEventRequestDto}. */
final class TriggerAction extends MappedAction {

    static final List<String> FIELDS =
            List.of("type", "workflowId", "to", "payload", "overrides", "actor", "tenant", "transactionId", "delay");

    private final MappedValue workflowId;
    private final SubscriberMapping to;
    private final @Nullable MappedValue payload;
    private final @Nullable MappedValue overrides;
    private final @Nullable MappedValue actor;
    private final @Nullable MappedValue tenant;
    private final @Nullable MappedValue transactionId;

    private TriggerAction(ActionFields fields, JsonNode definition) {
        super(fields, definition);
        this.workflowId = fields.requiredId("workflowId");
        this.to = compileTo(fields);
        this.payload = fields.optionalObject("payload");
        this.overrides = fields.optionalObject("overrides");
        this.actor = fields.optional("actor");
        this.tenant = fields.optional("tenant");
        this.transactionId = fields.optionalId("transactionId");
        expectType(fields, "actor", actor, "a subscriberId or a subscriber object", "string", "number", "object");
        expectType(fields, "tenant", tenant, "a tenant identifier or a tenant object", "string", "object");
    }

    static TriggerAction compile(ActionFields fields, JsonNode definition) {
        fields.allowOnly(FIELDS, "trigger");
        return new TriggerAction(fields, definition);
    }

    private static SubscriberMapping compileTo(ActionFields fields) {
        JsonNode to = fields.raw("to");
        if (to == null) {
            fields.problem("to", "is required for trigger");
            return SubscriberMapping.whole(new MappedValue.Nothing(), "to.");
        }
        if (to.isObject() && !MappedValueCompiler.isDirective(to)) {
            ActionFields subscriber = fields.nested("to");
            subscriber.allowOnly(SubscriberMapping.FIELDS, "to");
            return SubscriberMapping.compileFields(subscriber, "to.");
        }
        MappedValue whole = fields.optional("to");
        expectType(fields, "to", whole, "an object with subscriberId", "object");
        return SubscriberMapping.whole(whole, "to.");
    }

    private static void expectType(
            ActionFields fields, String field, @Nullable MappedValue value, String expected, String... types) {
        String fixed = value == null ? null : value.fixedType();
        if (fixed != null && !List.of(types).contains(fixed)) {
            fields.problem(field, "must be " + expected + ", not " + FieldReader.withArticle(fixed));
        }
    }

    @Override
    ActionOutcome render(FieldReader reader, ActionContext context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", reader.requiredId(workflowId, "workflowId"));
        body.put("to", to.render(reader));
        putIfPresent(body, "payload", reader.optionalObject(payload, "payload"));
        putIfPresent(body, "overrides", reader.optionalObject(overrides, "overrides"));
        putIfPresent(body, "actor", actor(reader));
        putIfPresent(body, "tenant", tenant(reader));
        DeliveryIds ids = ids(reader, context);
        String id = transactionId == null ? ids.transactionId() : reader.requiredId(transactionId, "transactionId");
        body.put("transactionId", id);
        return call(reader, "POST", "/v1/events/trigger", body, id, ids);
    }

    private @Nullable Object actor(FieldReader reader) {
        if (actor == null) {
            return null;
        }
        Object value = reader.resolve(actor);
        if (value instanceof Map<?, ?> map) {
            return SubscriberMapping.whole(actor, "actor.").fromObject(map, actor.describe());
        }
        return reader.optionalId(actor, "actor");
    }

    private @Nullable Object tenant(FieldReader reader) {
        if (tenant == null) {
            return null;
        }
        Object value = reader.resolve(tenant);
        if (value instanceof Map<?, ?>) {
            return value;
        }
        return reader.optionalId(tenant, "tenant");
    }

    private static void putIfPresent(Map<String, Object> body, String field, @Nullable Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
