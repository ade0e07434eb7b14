package dev.switchboard.ingest;

import dev.switchboard.message.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The write keys that intake accepts: those from configuration and those created in Switchboard (stored as
 * SHA-256 hashes). Keys are compared by hash, so lookups take the same time whatever prefix a guess shares.
 */
@Component
public class WriteKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> configuredSourcesByHash;
    private final JdbcClient jdbc;
    private final Clock clock;

    WriteKeys(IngestProperties properties, JdbcClient jdbc, Clock clock) {
        this.configuredSourcesByHash = bySourceHash(properties.writeKeys());
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The source a presented write key belongs to, if the key is known and not revoked. */
    public Optional<String> sourceOf(String presentedKey) {
        if (presentedKey.isBlank()) {
            return Optional.empty();
        }
        String hash = sha256(presentedKey);
        String configured = configuredSourcesByHash.get(hash);
        if (configured != null) {
            return Optional.of(configured);
        }
        return jdbc.sql("select source from source_write_key where key_hash = ? and revoked_at is null")
                .param(hash)
                .query(String.class)
                .optional();
    }

    /** Whether any key, configured or stored, can reach intake. */
    public boolean anyConfigured() {
        return !configuredSourcesByHash.isEmpty()
                || jdbc.sql("select count(*) from source_write_key where revoked_at is null")
                                .query(Long.class)
                                .single()
                        > 0;
    }

    /**
     * Creates a new key for a source and returns it. The key itself is not stored: this is the only time it
     * can be seen.
     */
    public String create(String source) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String key = "wk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("insert into source_write_key (id, source, key_hash, key_hint, created_at) values (?, ?, ?, ?, ?)")
                .params(
                        Ids.newId(),
                        source,
                        sha256(key),
                        key.substring(0, 7) + "…",
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return key;
    }

    /** Every key: those from configuration (by source), then those created here, newest first. */
    public List<WriteKeyView> list() {
        List<WriteKeyView> keys = new ArrayList<>();
        configuredSourcesByHash.values().stream()
                .sorted()
                .forEach(source -> keys.add(new WriteKeyView(null, source, null, null, null)));
        keys.addAll(jdbc.sql("select id, source, key_hint, created_at, revoked_at from source_write_key"
                        + " order by created_at desc, id desc")
                .query((rs, row) -> {
                    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
                    return new WriteKeyView(
                            rs.getObject("id", UUID.class),
                            rs.getString("source"),
                            rs.getString("key_hint"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            revoked == null ? null : revoked.toInstant());
                })
                .list());
        return keys;
    }

    /** Revokes a key created here; intake refuses it from now on. Revoking twice changes nothing. */
    public void revoke(UUID id) {
        jdbc.sql("update source_write_key set revoked_at = ? where id = ? and revoked_at is null")
                .params(clock.instant().atOffset(ZoneOffset.UTC), id)
                .update();
    }

    private static Map<String, String> bySourceHash(List<String> entries) {
        Map<String, String> sources = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            int colon = entry.indexOf(':');
            String source = colon > 0 ? entry.substring(0, colon) : "source-" + (i + 1);
            String key = colon > 0 ? entry.substring(colon + 1) : entry;
            sources.put(sha256(key), source);
        }
        return Map.copyOf(sources);
    }

    static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
