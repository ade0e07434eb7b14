package dev.switchboard.ingest;

import dev.switchboard.message.Ids;
import dev.switchboard.message.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake facade: de-duplicates a request's accepted messages and stores every message (accepted, duplicate
 * or rejected) in one transaction, before the caller answers Segment. Thread-safe.
 */
@Service
public class EventIntake {

    private static final int ATTEMPTS = 3;
    private static final Set<String> WEBHOOK_TYPES =
            Set.of("track", "identify", "page", "screen", "group", "alias", "delete");

    private final SeenMessages seen;
    private final StoredEvents events;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final IngestProperties properties;
    private final Clock clock;

    EventIntake(
            SeenMessages seen,
            StoredEvents events,
            TransactionTemplate transactions,
            JsonMapper json,
            IngestProperties properties,
            Clock clock) {
        this.seen = seen;
        this.events = events;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Validates and stores a request's messages.
     *
     * @param pathType the type named by a single-message path, or null for a batch
     */
    IntakeResult accept(String source, SegmentPayload payload, @Nullable String pathType) {
        return accept(source, payload, pathType, MessageNormalizer.TRACKING_TYPES, false);
    }

    /** Validates and stores a message that Segment delivered through its Webhooks destination. */
    IntakeResult acceptFromSegment(String source, SegmentPayload payload) {
        return accept(source, payload, null, WEBHOOK_TYPES, true);
    }

    private IntakeResult accept(
            String source, SegmentPayload payload, @Nullable String pathType, Set<String> types, boolean fromSegment) {
        Instant receivedAt = clock.instant();
        var rules = new MessageNormalizer.Rules(
                pathType, types, fromSegment, properties.maxMessageSize().toBytes(), payload.batchFields(), receivedAt);
        List<IntakeItem> items = payload.messages().stream()
                .map(raw -> MessageNormalizer.normalize(raw, rules))
                .toList();
        return store(source, items, receivedAt);
    }

    private IntakeResult store(String source, List<IntakeItem> items, Instant receivedAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> storeOnce(source, items, receivedAt));
            } catch (DuplicateKeyException e) {
                // Another request stored one of these messageIds between our check and our insert: run again,
                // and this time the id is seen as a duplicate.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private IntakeResult storeOnce(String source, List<IntakeItem> items, Instant receivedAt) {
        List<AcceptedMessage> accepted = new ArrayList<>();
        for (IntakeItem item : items) {
            if (item instanceof AcceptedMessage message) {
                accepted.add(message);
            }
        }
        boolean[] fresh = seen.mark(
                source,
                accepted.stream().map(AcceptedMessage::messageId).toList(),
                receivedAt,
                properties.dedupeWindow());
        List<StoredEvents.Row> rows = new ArrayList<>(items.size());
        List<IntakeResult.Refusal> refusals = new ArrayList<>();
        int duplicates = 0;
        int next = 0;
        for (IntakeItem item : items) {
            if (item instanceof AcceptedMessage message) {
                boolean isNew = fresh[next++];
                duplicates += isNew ? 0 : 1;
                rows.add(row(source, message, isNew ? MessageStatus.RECEIVED : MessageStatus.DUPLICATE, receivedAt));
            } else {
                RejectedMessage rejected = (RejectedMessage) item;
                MessageProblem problem = rejected.problem();
                refusals.add(new IntakeResult.Refusal(
                        rejected.index(), rejected.messageId(), problem.field(), problem.code(), problem.detail()));
                rows.add(row(source, rejected, receivedAt));
            }
        }
        events.insert(rows);
        return new IntakeResult(accepted.size() - duplicates, duplicates, refusals);
    }

    private StoredEvents.Row row(String source, AcceptedMessage message, MessageStatus status, Instant receivedAt) {
        return new StoredEvents.Row(
                Ids.newId(),
                source,
                message.messageId(),
                message.type(),
                message.event(),
                message.userId(),
                message.anonymousId(),
                status.value(),
                null,
                receivedAt,
                message.timestamp(),
                json.writeValueAsString(message.fields()));
    }

    private StoredEvents.Row row(String source, RejectedMessage rejected, Instant receivedAt) {
        Object raw = rejected.raw();
        var fields = raw instanceof Map<?, ?> map ? map : Map.of();
        return new StoredEvents.Row(
                Ids.newId(),
                source,
                rejected.messageId(),
                fields.get("type") instanceof String type && type.length() <= 16 ? type : null,
                null,
                fields.get("userId") instanceof String userId && userId.length() <= 1024 ? userId : null,
                fields.get("anonymousId") instanceof String anonymousId && anonymousId.length() <= 1024
                        ? anonymousId
                        : null,
                MessageStatus.REJECTED.value(),
                rejected.problem().field().isEmpty()
                        ? rejected.problem().detail()
                        : rejected.problem().field() + ": " + rejected.problem().detail(),
                receivedAt,
                null,
                json.writeValueAsString(withoutWriteKey(raw)));
    }

    private static Object withoutWriteKey(Object raw) {
        if (raw instanceof Map<?, ?> map && map.containsKey("writeKey")) {
            var copy = new LinkedHashMap<Object, Object>(map);
            copy.remove("writeKey");
            return copy;
        }
        return raw;
    }
}
