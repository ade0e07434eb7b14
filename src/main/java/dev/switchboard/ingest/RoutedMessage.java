package dev.switchboard.ingest;

import dev.switchboard.dispatch.NewDelivery;
import dev.switchboard.message.MessageStatus;
import java.util.List;
import java.util.UUID;

/**
 * A valid message after the rules had their say, ready to store: the message row's id and payload, one decision
 * per rule considered and one delivery per action of the matching rules.
 */
record RoutedMessage(
        AcceptedMessage message,
        UUID eventId,
        String payload,
        MessageStatus status,
        List<StoredDecisions.Row> decisions,
        List<NewDelivery> deliveries) {}
