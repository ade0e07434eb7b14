package dev.switchboard.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * Encrypts secret overrides at rest with Spring Security's AES-GCM {@link BytesEncryptor}
 * ({@link Encryptors#stronger}: PBKDF2-derived 256-bit key, random IV per value). The key comes from
 * {@code switchboard.settings.encryption-key}, else from a key file generated on first start (owner-only).
 */
final class SettingsEncryption {

    private static final Logger log = LoggerFactory.getLogger(SettingsEncryption.class);

    /** Marks an encrypted value, so a value stored in clear by hand is never mistaken for ciphertext. */
    static final String PREFIX = "aesgcm:";

    private final BytesEncryptor encryptor;

    SettingsEncryption(String key) {
        // The salt is derived from the key: the key is long and random (or the operator's), and a salt stored
        // next to it would protect nothing more.
        String salt = HexFormat.of().formatHex(Arrays.copyOf(sha256("switchboard-settings:" + key), 16));
        this.encryptor = Encryptors.stronger(key, salt);
    }

    static SettingsEncryption from(SettingsProperties properties) {
        String key = properties.encryptionKey();
        if (key != null && !key.isBlank()) {
            return new SettingsEncryption(key.trim());
        }
        return new SettingsEncryption(keyFile(properties.keyFile()));
    }

    String encrypt(String plain) {
        return PREFIX + Base64.getEncoder().encodeToString(encryptor.encrypt(plain.getBytes(StandardCharsets.UTF_8)));
    }

    String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a secret setting is not encrypted");
        }
        byte[] cipher = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        return new String(encryptor.decrypt(cipher), StandardCharsets.UTF_8);
    }

    private static String keyFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = HexFormat.of().formatHex(random);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // Another instance on the same data directory was first: use its key.
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.writeString(file, key, StandardCharsets.US_ASCII);
            log.warn(
                    "\n\n  First start: generated the key that encrypts secret settings at rest into {} (owner-only)."
                            + "\n  Back it up with the database, or set SWITCHBOARD_SETTINGS_ENCRYPTION_KEY instead.\n",
                    file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the settings encryption key " + file, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
