package dev.switchboard.novu;

import org.jspecify.annotations.Nullable;

/**
 * One call to Novu exactly as the outbox stores it.
 *
 * @param method HTTP method
 * @param path path relative to the base URL, already encoded ({@code /v2/topics/vip%20list/subscriptions})
 * @param body JSON body, sent byte for byte; {@code null} for none
 * @param idempotencyKey sent as {@code Idempotency-Key}, so a repeat of the same delivery is a repeat to Novu
 */
public record NovuRequest(
        String method,
        String path,
        @Nullable String body,
        @Nullable String idempotencyKey) {

    public NovuBucket bucket() {
        return NovuBucket.of(path);
    }

    /** A trigger is the one call whose 201 can still be a refusal ({@code status} other than processed). */
    public boolean isTrigger() {
        return "POST".equalsIgnoreCase(method) && "/v1/events/trigger".equals(path);
    }
}
