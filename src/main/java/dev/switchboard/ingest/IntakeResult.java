package dev.switchboard.ingest;

import java.util.List;

/**
 * What became of a request's messages: how many were stored for routing, how many were redeliveries of a
 * messageId already seen, and which were refused (by their index in the request).
 */
public record IntakeResult(int accepted, int duplicates, List<Refusal> rejected) {

    /** A refused message: its index in the request, its messageId and the problem. */
    public record Refusal(int index, String messageId, String field, String code, String detail) {}
}
