package dev.switchboard.ingest;

import java.util.UUID;

/**
 * Published after intake stored a Segment {@code delete} message: everything stored about {@code userId} is to be
 * purged (the delete message itself stays, as the record of the request).
 */
public record UserDeletionRequested(String source, String userId, String messageId, UUID eventId) {}
