package dev.switchboard.ingest;

/**
 * Why a message was refused: the field at fault, a stable code (Segment's discard reasons where one exists,
 * e.g. {@code event_not_defined}) and a sentence for people.
 */
public record MessageProblem(String field, String code, String detail) {}
