package dev.switchboard.ingest;

import dev.switchboard.dispatch.NewDelivery;
import dev.switchboard.mapping.ActionOutcome;
import dev.switchboard.message.CompactJson;
import dev.switchboard.message.Ids;
import dev.switchboard.message.Masking;
import dev.switchboard.message.MessageStatus;
import dev.switchboard.rules.Evaluation;
import dev.switchboard.rules.ExplanationJson;
import dev.switchboard.rules.LiveRules;
import dev.switchboard.rules.RuleOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates a valid message against the live rules, in memory, and turns the outcome into the rows intake
 * stores: one decision row per rule that matched or failed, the rules that did not match as one JSON array for the
 * message row, and one delivery per action of a matching rule. Explanations are stored only for messages with
 * masked values; the audit log derives the others from the stored message.
 * Runs before the intake transaction opens, so the transaction only writes.
 */
@Component
class MessageRouting {

    private static final String CANCEL_BY_RULE_PATH = "/local/cancel-by-rule";

    /** The size of {@code event_message.unmatched_decisions} (V50). */
    static final int MAX_UNMATCHED_LENGTH = 1_000_000;

    /** The size of {@code rule_decision.trace} (V4). */
    private static final int MAX_TRACE_LENGTH = 1_000_000;

    private final LiveRules rules;
    private final JsonMapper json;
    private final MessageMasking masking;

    MessageRouting(LiveRules rules, JsonMapper json, MessageMasking masking) {
        this.rules = rules;
        this.json = json;
        this.masking = masking;
    }

    RoutedMessage route(String source, AcceptedMessage message, Instant receivedAt) {
        UUID eventId = Ids.newId();
        MessageMasking.Masked masked = masking.mask(message.fields());
        String payload = CompactJson.write(masked.tree());
        // Explanations are only stored when values were masked (see storedTrace); else none is built.
        Evaluation evaluation =
                rules.snapshot().evaluate(message.fields(), !masked.values().isEmpty());
        List<StoredDecisions.Row> decisions = new ArrayList<>();
        List<RuleOutcome> unmatched = new ArrayList<>();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (RuleOutcome outcome : evaluation.outcomes()) {
            if (outcome.status() == RuleOutcome.Status.NOT_MATCHED) {
                unmatched.add(outcome);
                continue;
            }
            decisions.add(new StoredDecisions.Row(
                    Ids.newId(),
                    eventId,
                    outcome.ruleKey(),
                    outcome.version(),
                    outcome.status().name().toLowerCase(Locale.ROOT),
                    Masking.scrub(outcome.error(), masked.values()),
                    storedTrace(outcome, masked),
                    receivedAt));
            for (int i = 0; i < outcome.actions().size(); i++) {
                NewDelivery delivery = delivery(source, message, eventId, outcome, i, receivedAt);
                if (!masked.values().isEmpty() && delivery.body() != null) {
                    delivery = delivery.withMaskPointers(masking.pointers(delivery.body(), masked.values()));
                }
                deliveries.add(delivery);
            }
        }
        // The rules that did not match go on the message row as one JSON array (V50): a row and five index
        // entries fewer per rule, and one serialization for all of them.
        String unmatchedDecisions = unmatched(unmatched, masked);
        MessageStatus status = evaluation.matched().isEmpty() ? MessageStatus.NO_MATCH : MessageStatus.ROUTED;
        return new RoutedMessage(message, eventId, payload, status, decisions, unmatchedDecisions, deliveries);
    }

    /**
     * The explanation of a matched or failed rule, if it must be stored: like the not-matched ones (below), it is
     * derived again when the message is viewed, unless values were masked. A matched rule's explanation was the
     * largest part of its decision row.
     */
    private static @Nullable String storedTrace(RuleOutcome outcome, MessageMasking.Masked masked) {
        if (masked.values().isEmpty() || outcome.trace() == null) {
            return null;
        }
        String trace = Masking.scrub(ExplanationJson.write(outcome.trace()), masked.values());
        // As for the not-matched ones: rather without the explanation than not stored at all.
        return trace.length() <= MAX_TRACE_LENGTH ? trace : null;
    }

    /**
     * Which rules did not match: the rule and its version, whose explanation the audit log derives again from
     * the stored message when it is viewed ({@code PastDecisions}). Those explanations were half of the bytes
     * intake stored per message and about a quarter of PostgreSQL's work at intake. Only when values were masked
     * does the stored message no longer show what the rules saw, and the explanations are stored as evaluated
     * (scrubbed of the masked values).
     */
    private @Nullable String unmatched(List<RuleOutcome> unmatched, MessageMasking.Masked masked) {
        if (unmatched.isEmpty()) {
            return null;
        }
        if (masked.values().isEmpty()) {
            return unmatchedJson(unmatched, Traces.DERIVED);
        }
        String text = Masking.scrub(unmatchedJson(unmatched, Traces.STORED), masked.values());
        if (text.length() > MAX_UNMATCHED_LENGTH) {
            // Only many rules whose explanations each repeat a large part of the message get here: keep which
            // rules did not match, without the explanations, rather than fail to store the message.
            text = Masking.scrub(unmatchedJson(unmatched, Traces.NOT_KEPT), masked.values());
        }
        return text;
    }

    /** What {@code unmatched_decisions} says of each rule's explanation. */
    private enum Traces {
        /** No {@code trace}: the audit log derives it from the stored message. */
        DERIVED,
        /** {@code trace}: the explanation as evaluated. */
        STORED,
        /** {@code "trace": null}: too large to keep, and the stored message cannot give it back. */
        NOT_KEPT
    }

    /**
     * {@code unmatched_decisions}: {@code {"rule", "version"}} per rule, with {@code "trace"} (serialized as it is
     * in {@code rule_decision}, or null) unless derived. Written by hand like the explanations themselves, with
     * Jackson for what they cannot.
     */
    private String unmatchedJson(List<RuleOutcome> unmatched, Traces traces) {
        StringBuilder out = new StringBuilder((traces == Traces.STORED ? 512 : 48) * unmatched.size());
        out.append('[');
        for (int i = 0; i < unmatched.size(); i++) {
            RuleOutcome outcome = unmatched.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"rule\":");
            CompactJson.appendString(out, outcome.ruleKey());
            out.append(",\"version\":").append(outcome.version());
            if (traces != Traces.DERIVED) {
                out.append(",\"trace\":");
                if (!ExplanationJson.append(out, traces == Traces.STORED ? outcome.trace() : null)) {
                    return json.writeValueAsString(unmatched.stream()
                            .map(each -> unmatchedElement(each, traces == Traces.STORED))
                            .toList());
                }
            }
            out.append('}');
        }
        return out.append(']').toString();
    }

    private static Map<String, Object> unmatchedElement(RuleOutcome outcome, boolean withTrace) {
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("rule", outcome.ruleKey());
        element.put("version", outcome.version());
        element.put("trace", withTrace ? outcome.trace() : null);
        return element;
    }

    private NewDelivery delivery(
            String source, AcceptedMessage message, UUID eventId, RuleOutcome rule, int index, Instant receivedAt) {
        ActionOutcome action = rule.actions().get(index);
        UUID id = Ids.newId();
        // What every delivery of this action shares: where it comes from and when it was written.
        Origin origin = new Origin(id, eventId, source, message.messageId(), rule, index, receivedAt);
        if (action instanceof ActionOutcome.NovuCall call) {
            return origin.row(
                    call.type().wireName(),
                    call.userId(),
                    call.method(),
                    call.path(),
                    call.body(),
                    call.transactionId(),
                    call.idempotencyKey(),
                    NewDelivery.PENDING,
                    due(receivedAt, call.delay()),
                    null);
        }
        if (action instanceof ActionOutcome.CancelByRule cancel && cancel.userId() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rule", cancel.ruleKey());
            body.put("within", cancel.within().toString());
            body.put("userId", cancel.userId());
            return origin.row(
                    cancel.type().wireName(),
                    cancel.userId(),
                    NewDelivery.LOCAL,
                    CANCEL_BY_RULE_PATH,
                    json.writeValueAsString(body),
                    "sb-local-" + id,
                    "sb-local-" + id,
                    NewDelivery.PENDING,
                    due(receivedAt, cancel.delay()),
                    null);
        }
        String reason = action instanceof ActionOutcome.Invalid invalid
                ? invalid.field() + ": " + invalid.reason()
                // A cancel by rule needs the person: without a userId it must not cancel anybody's deliveries.
                : "userId: the message has no userId, so there is nobody whose deliveries to cancel";
        return origin.row(
                action.type().wireName(),
                message.userId(),
                "NONE",
                "-",
                null,
                "sb-invalid-" + id,
                "sb-invalid-" + id,
                NewDelivery.INVALID,
                receivedAt,
                reason);
    }

    private record Origin(
            UUID id, UUID eventId, String source, String messageId, RuleOutcome rule, int index, Instant createdAt) {

        NewDelivery row(
                String actionType,
                @Nullable String userId,
                String method,
                String path,
                @Nullable String body,
                String transactionId,
                String idempotencyKey,
                String status,
                Instant dueAt,
                @Nullable String lastError) {
            return new NewDelivery(
                    id,
                    eventId,
                    source,
                    messageId,
                    rule.ruleKey(),
                    rule.version(),
                    index,
                    actionType,
                    userId,
                    method,
                    path,
                    body,
                    transactionId,
                    idempotencyKey,
                    status,
                    createdAt,
                    dueAt,
                    lastError);
        }
    }

    private static Instant due(Instant receivedAt, @Nullable Duration delay) {
        return delay == null ? receivedAt : receivedAt.plus(delay);
    }
}
