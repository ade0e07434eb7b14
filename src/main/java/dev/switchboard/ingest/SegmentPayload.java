package dev.switchboard.ingest;

import java.util.List;
import java.util.Map;

/**
 * A request's messages and the batch-level fields ({@code context}, {@code integrations}, {@code sentAt}) that
 * merge into each of them. A single call is a payload of one message and no batch fields.
 */
record SegmentPayload(List<RawMessage> messages, Map<String, Object> batchFields) {}
