package dev.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Reads the user name of an HTTP Basic {@code Authorization} header, for intake write keys and the throttle. */
final class BasicCredentials {

    private BasicCredentials() {}

    /**
     * The user name, or null when the header is absent, not Basic, not Base64 or names nobody. Segment's docs
     * allow the value to be encoded without the colon, so that is accepted too.
     */
    static @Nullable String user(@Nullable String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon >= 0 ? decoded.substring(0, colon) : decoded;
            return user.isEmpty() ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
