package dev.switchboard.mapping;

import dev.switchboard.message.CompactJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What every compiled action shares: its definition, its {@code delay}, and turning field problems into Invalid. */
abstract class MappedAction implements CompiledAction {

    private final ActionType type;
    private final JsonNode definition;
    private final @Nullable DurationField delay;

    MappedAction(ActionFields fields, JsonNode definition) {
        this.type = fields.type();
        this.definition = definition.deepCopy();
        this.delay = fields.optionalDuration("delay");
    }

    @Override
    public final ActionType type() {
        return type;
    }

    @Override
    public final JsonNode definition() {
        return definition.deepCopy();
    }

    @Override
    public final ActionOutcome render(Map<String, Object> message, ActionContext context) {
        try {
            return render(new FieldReader(message), context);
        } catch (InvalidFieldException e) {
            return new ActionOutcome.Invalid(type, e.field(), e.reason());
        }
    }

    abstract ActionOutcome render(FieldReader reader, ActionContext context);

    @Nullable
    Duration delay(FieldReader reader) {
        return delay == null ? null : delay.read(reader, "delay");
    }

    DeliveryIds ids(FieldReader reader, ActionContext context) {
        return DeliveryIds.derive(reader.messageId(), context, type);
    }

    /**
     * A call with its body written once, here: the dispatcher sends these exact bytes on every attempt.
     * {@code transactionId} {@code null} means the derived one.
     */
    ActionOutcome.NovuCall call(
            FieldReader reader,
            ActionContext context,
            String method,
            String path,
            @Nullable Map<String, Object> body,
            @Nullable String transactionId) {
        return call(reader, method, path, body, transactionId, ids(reader, context));
    }

    /** The same, with the ids already derived (deriving costs two hashes: do it once per render). */
    ActionOutcome.NovuCall call(
            FieldReader reader,
            String method,
            String path,
            @Nullable Map<String, Object> body,
            @Nullable String transactionId,
            DeliveryIds ids) {
        return new ActionOutcome.NovuCall(
                type,
                method,
                path,
                body == null ? null : CompactJson.write(body),
                transactionId == null ? ids.transactionId() : transactionId,
                ids.idempotencyKey(),
                delay(reader),
                reader.userId());
    }

    /** Percent-encodes an id for one path segment ({@code /} and spaces included), UTF-8, RFC 3986. */
    static String pathSegment(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", b & 0xFF).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
