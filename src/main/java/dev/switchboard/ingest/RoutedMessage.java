package dev.switchboard.ingest;

import dev.switchboard.dispatch.NewDelivery;
import dev.switchboard.message.MessageStatus;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A valid message after the rules had their say, ready to store: the message row's id and payload, one decision
 * row per rule that matched or failed, the rules that did not match as one JSON array for the message row
 * ({@code unmatched_decisions}, null when there are none) and one delivery per action of the matching rules.
 */
record RoutedMessage(
        AcceptedMessage message,
        UUID eventId,
        String payload,
        MessageStatus status,
        List<StoredDecisions.Row> decisions,
        @Nullable String unmatchedDecisions,
        List<NewDelivery> deliveries) {}
