package dev.switchboard.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** A stored message with its payload exactly as stored (server fields set, write key removed). */
public record EventDetail(
        EventSummary summary, @JsonRawValue String message) {}
