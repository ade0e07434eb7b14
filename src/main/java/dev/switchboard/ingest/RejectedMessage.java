package dev.switchboard.ingest;

/** A message that failed validation. It is stored as rejected, never silently dropped. */
record RejectedMessage(int index, Object raw, String messageId, MessageProblem problem) implements IntakeItem {}
