package dev.switchboard.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * The 64-bit key under which a sender's id (messageId, userId, anonymousId, transactionId) is indexed: the first 8
 * bytes of the SHA-256 of its UTF-8 bytes, big-endian. The indexes hold the key beside the time instead of the id
 * itself, and every lookup compares the id as well, so two ids that share a key (about one pair in 10^19) only
 * make the index return a row that the comparison drops.
 *
 * <p>Why not the id: senders make these ids at random (a UUID per messageId, one per browser for anonymousIds), so
 * each stored row adds an entry at a random place of each such index. H2 writes every index page that a commit
 * changed again, and the time to write a page grows with its entries' size: with 36-character ids, five such
 * indexes cut intake to a third; with 8-byte keys they cost about half as much (README, Load test). PostgreSQL's
 * indexes shrink to half as well.
 *
 * <p>SHA-256 rather than a faster hash because the ids come from senders: no one can choose ids that pile onto one
 * key, and the key is the same on every JVM and in both databases' SQL (migration 70 filled it in for the rows
 * stored before it, {@code config.LookupKeySql}).
 */
public final class LookupKeys {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(LookupKeys::sha256);

    private LookupKeys() {}

    /** The key of an id; null for none. */
    public static @Nullable Long of(@Nullable String id) {
        return id == null ? null : keyOf(id);
    }

    /** The key of an id that is there. */
    public static long keyOf(String id) {
        // ByteBuffer reads big-endian.
        return ByteBuffer.wrap(SHA_256.get().digest(id.getBytes(StandardCharsets.UTF_8)))
                .getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
