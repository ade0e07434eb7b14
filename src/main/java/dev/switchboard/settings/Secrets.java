package dev.switchboard.settings;

import org.jspecify.annotations.Nullable;

/** How a secret is shown: enough to recognise it, never enough to use it. */
public final class Secrets {

    private Secrets() {}

    /** {@code ••••abcd} (the last 4 characters; only the dots for a secret of 8 characters or fewer), or "". */
    public static String masked(@Nullable String secret) {
        if (secret == null || secret.isBlank()) {
            return "";
        }
        return secret.length() <= 8 ? "••••" : "••••" + secret.substring(secret.length() - 4);
    }
}
