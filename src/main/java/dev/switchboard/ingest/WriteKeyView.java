package dev.switchboard.ingest;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A write key as settings show it, never the key itself: keys from configuration show their source only; keys
 * created in Switchboard their first characters, when they were made and whether they are revoked.
 *
 * @param id null for a key from configuration, which cannot be revoked here
 */
public record WriteKeyView(
        @Nullable UUID id,
        String source,
        @Nullable String hint,
        @Nullable Instant createdAt,
        @Nullable Instant revokedAt) {

    public boolean configured() {
        return id == null;
    }
}
