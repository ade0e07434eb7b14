package dev.switchboard.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses intake bodies into plain JSON trees. A batch is read with the streaming parser so that each message's
 * size is known from its byte offsets, without serializing it again to enforce the per-message limit.
 */
@Component
class SegmentPayloadParser {

    private static final Set<String> BATCH_FIELDS = Set.of("context", "integrations", "sentAt");

    private final JsonMapper json;
    private final ObjectReader valueInStream;

    SegmentPayloadParser(JsonMapper json) {
        this.json = json;
        // Reads one value out of a larger document: what follows it is the rest of the batch, not an error.
        this.valueInStream = json.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    SegmentPayload parseSingle(byte[] body) {
        Object value = read(body);
        if (!(value instanceof Map<?, ?>)) {
            throw MalformedPayloadException.of("The body must be a JSON object (one Segment message).");
        }
        return new SegmentPayload(List.of(new RawMessage(0, value, body.length)), Map.of());
    }

    SegmentPayload parseBatch(byte[] body) {
        List<RawMessage> messages = null;
        Map<String, Object> batchFields = new LinkedHashMap<>();
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw MalformedPayloadException.of("The body must be a JSON object with a \"batch\" array.");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("batch".equals(field)) {
                    if (token != JsonToken.START_ARRAY) {
                        throw MalformedPayloadException.of("\"batch\" must be an array of messages.");
                    }
                    messages = readMessages(parser);
                } else if (BATCH_FIELDS.contains(field)) {
                    batchFields.put(field, valueInStream.readValue(parser));
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw MalformedPayloadException.of("Unexpected content after the JSON object.");
            }
        } catch (JacksonException e) {
            throw malformed(e);
        }
        if (messages == null) {
            throw MalformedPayloadException.of("The body has no \"batch\" array.");
        }
        return new SegmentPayload(messages, batchFields);
    }

    private List<RawMessage> readMessages(JsonParser parser) {
        List<RawMessage> messages = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            Object value = valueInStream.readValue(parser);
            long end = parser.currentLocation().getByteOffset();
            messages.add(new RawMessage(messages.size(), value, end - start));
        }
        return messages;
    }

    private Object read(byte[] body) {
        try {
            Object value = json.readValue(body, Object.class);
            if (value == null) {
                throw MalformedPayloadException.of("The body is empty; it must be a JSON object.");
            }
            return value;
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    private static MalformedPayloadException malformed(JacksonException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return MalformedPayloadException.because("Malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
}
