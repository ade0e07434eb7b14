package dev.switchboard.load;

import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The ids the intake load puts in its messages, per message sequence number. They decide how much the databases'
 * indexes on messageId, userId and anonymousId cost: an id that grows with the sequence lands next to the previous
 * one in its index, a random one anywhere, and H2 rewrites every index page a commit touched. Real senders make
 * random ids: analytics-java and analytics-node a random UUID per messageId, analytics.js a random anonymousId per
 * browser, and userIds are the customer's own (the samples carry MongoDB ObjectIds), so {@link Realistic} is the
 * load run's default. {@link Sequential} is what the runs before 2026-11-29 20:00 sent: messageIds and userIds that
 * count up, and every message with its sample's one anonymousId.
 *
 * <p>Every id is a function of the run and the sequence number, so the kill run can tell which acknowledged
 * messages were stored.
 */
abstract sealed class LoadIds {

    /** Run tag: one driver JVM is one run, and a second run on the same database makes new messageIds. */
    static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);

    private static final long RUN_SALT = mix(RUN.hashCode());

    static LoadIds of(String scheme, int users) {
        return switch (scheme) {
            case "realistic" -> new Realistic(users);
            case "sequential" -> new Sequential();
            default -> throw new IllegalArgumentException("--ids is realistic or sequential, not " + scheme);
        };
    }

    abstract String messageId(long seq);

    abstract String userId(long seq);

    /** The message's anonymousId, or null to keep the sample's. */
    abstract @Nullable String anonymousId(long seq);

    /** A random UUID per message; {@code users} people, each with one userId and one anonymousId. */
    static final class Realistic extends LoadIds {

        private static final HexFormat HEX = HexFormat.of();
        private final int users;

        Realistic(int users) {
            this.users = users;
        }

        @Override
        String messageId(long seq) {
            return uuid(mix(2 * seq + RUN_SALT), mix(2 * seq + 1 + RUN_SALT)).toString();
        }

        @Override
        String userId(long seq) {
            long user = person(seq);
            // A MongoDB ObjectId's shape (24 hex digits), as in the samples.
            return HEX.toHexDigits((int) mix(2 * user + 1)) + HEX.toHexDigits(mix(2 * user));
        }

        @Override
        String anonymousId(long seq) {
            long user = person(seq);
            return uuid(mix(-2 * user - 1), mix(-2 * user - 2)).toString();
        }

        private long person(long seq) {
            return Math.floorMod(mix(seq * 0x9E3779B97F4A7C15L + RUN_SALT), users);
        }

        /** A version-4-shaped UUID from two random longs. */
        private static UUID uuid(long high, long low) {
            return new UUID((high & 0xFFFFFFFFFFFF0FFFL) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        }
    }

    /** Ids that count up with the sequence, and the sample's own anonymousId. */
    static final class Sequential extends LoadIds {

        @Override
        String messageId(long seq) {
            return "ld-" + RUN + "-" + seq;
        }

        @Override
        String userId(long seq) {
            return "lu-" + RUN + "-" + seq;
        }

        @Override
        @Nullable
        String anonymousId(long seq) {
            return null;
        }
    }

    /** SplitMix64's finalizer: consecutive inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
