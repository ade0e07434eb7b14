package dev.switchboard.ingest;

/** One message as it arrived: its position in the request, the parsed JSON value and its size in bytes. */
record RawMessage(int index, Object value, long size) {}
