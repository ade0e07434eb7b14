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

    private static final MessageDigest SHA_256 = sha256();
    private static final HexFormat HEX = HexFormat.of();

    static DeliveryIds derive(String messageId, ActionContext context, ActionType type) {
        String delivery = messageId + "\n" + context.ruleKey() + "\n" + context.actionIndex();
        // One SHA-256 per delivery (this runs for every matched action): its first half names the transaction,
        // its second half the call. The action type is the key's prefix, so another type at the same position
        // (a rule edited from trigger to identify) still gets another key.
        MessageDigest digest = copy(SHA_256);
        byte[] hash = digest.digest(delivery.getBytes(StandardCharsets.UTF_8));
        // Novu keys are at most 255 characters; these are 35 and 40 to 50, whatever the inputs.
        String transactionId = "sb-" + HEX.formatHex(hash, 0, 16);
        String idempotencyKey = "sb-" + type.wireName() + "-" + HEX.formatHex(hash, 16, 32);
        return new DeliveryIds(transactionId, idempotencyKey);
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
