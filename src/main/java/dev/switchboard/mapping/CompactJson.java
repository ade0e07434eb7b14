package dev.switchboard.mapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON tree of plain values compactly, keeping map order: a request body is written once with it,
 * and Novu's idempotency fingerprint is sensitive to property order.
 */
final class CompactJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CompactJson() {}

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
