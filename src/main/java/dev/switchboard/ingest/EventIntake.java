package dev.switchboard.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The intake facade: validates a request's messages, evaluates the valid ones against the live rules in memory,
 * then stores messages, rule decisions and deliveries in one transaction before the caller answers Segment.
 * Thread-safe.
 */
@Service
public class EventIntake {

    private static final Set<String> WEBHOOK_TYPES =
            Set.of("track", "identify", "page", "screen", "group", "alias", "delete");

    private final MessageRouting routing;
    private final IntakeWriter writer;
    private final IngestProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    EventIntake(
            MessageRouting routing,
            IntakeWriter writer,
            IngestProperties properties,
            Clock clock,
            ApplicationEventPublisher events) {
        this.routing = routing;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Validates, routes and stores a request's messages.
     *
     * @param pathType the type named by a single-message path, or null for a batch
     */
    IntakeResult accept(String source, SegmentPayload payload, @Nullable String pathType) {
        return accept(source, payload, pathType, MessageNormalizer.TRACKING_TYPES, false);
    }

    /** Validates, routes and stores a message that Segment delivered through its Webhooks destination. */
    IntakeResult acceptFromSegment(String source, SegmentPayload payload) {
        return accept(source, payload, null, WEBHOOK_TYPES, true);
    }

    private IntakeResult accept(
            String source, SegmentPayload payload, @Nullable String pathType, Set<String> types, boolean fromSegment) {
        Instant receivedAt = clock.instant();
        var rules = new MessageNormalizer.Rules(
                pathType, types, fromSegment, properties.maxMessageSize().toBytes(), payload.batchFields(), receivedAt);
        List<IntakeItem> items = new ArrayList<>(payload.messages().size());
        List<RoutedMessage> routed = new ArrayList<>(payload.messages().size());
        for (RawMessage raw : payload.messages()) {
            IntakeItem item = MessageNormalizer.normalize(raw, rules);
            items.add(item);
            if (item instanceof AcceptedMessage message) {
                routed.add(routing.route(source, message, receivedAt));
            }
        }
        IntakeResult result = writer.store(source, items, routed, receivedAt);
        // Stored and committed: now a delete may purge what was kept about the person (a repeated delete
        // purges again, which finds nothing new).
        for (RoutedMessage message : routed) {
            AcceptedMessage accepted = message.message();
            if ("delete".equals(accepted.type()) && accepted.userId() != null) {
                events.publishEvent(
                        new UserDeletionRequested(source, accepted.userId(), accepted.messageId(), message.eventId()));
            }
        }
        return result;
    }
}
