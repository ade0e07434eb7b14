package dev.switchboard.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ids of one delivery, derived only from the Segment {@code messageId}, the rule key and the action's
 * position: a redelivered message, a retry or a replay gets the same ids, so Novu sees a repeat, not a new
 * notification. Nothing time- or random-based may go in here.
 */
record DeliveryIds(String transactionId, String idempotencyKey) {

    static DeliveryIds derive(String messageId, ActionContext context, ActionType type) {
        String delivery = messageId + "\n" + context.ruleKey() + "\n" + context.actionIndex();
        // Novu keys are at most 255 characters; these are 35 and 40 to 50, whatever the inputs.
        String transactionId = "sb-" + sha256Hex(delivery).substring(0, 32);
        String idempotencyKey = "sb-" + type.wireName() + "-"
                + sha256Hex(delivery + "\n" + type.wireName()).substring(0, 32);
        return new DeliveryIds(transactionId, idempotencyKey);
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
