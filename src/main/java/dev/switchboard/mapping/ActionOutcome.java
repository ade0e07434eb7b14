package dev.switchboard.mapping;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What one action of a matched rule comes to for one message. */
public sealed interface ActionOutcome {

    ActionType type();

    /**
     * A call to Novu, fixed once: the dispatcher sends exactly this {@code body} (serialized once, so every
     * attempt is byte-identical) with this {@code idempotencyKey}. {@code path} is relative to the Novu base
     * URL ({@code /v1/events/trigger}); {@code body} is {@code null} for calls without one (DELETE).
     * {@code delay} holds the delivery back; {@code userId} is the message's userId, for ordering and cancel.
     */
    record NovuCall(
            ActionType type,
            String method,
            String path,
            @Nullable String body,
            String transactionId,
            String idempotencyKey,
            @Nullable Duration delay,
            @Nullable String userId)
            implements ActionOutcome {}

    /**
     * A cancel by rule: Switchboard cancels the deliveries that rule {@code ruleKey} made to the same
     * {@code userId} within {@code within} before this message (scheduled ones locally, delivered triggers
     * through Novu's cancel by their transactionId).
     */
    record CancelByRule(
            String ruleKey,
            Duration within,
            @Nullable String userId,
            @Nullable Duration delay) implements ActionOutcome {
        @Override
        public ActionType type() {
            return ActionType.CANCEL;
        }
    }

    /**
     * The action cannot be sent for this message: a required field mapped to nothing or to a value of the
     * wrong type. It is recorded, never sent and never retried.
     */
    record Invalid(ActionType type, String field, String reason) implements ActionOutcome {}
}
