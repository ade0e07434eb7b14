package dev.switchboard.security;

import dev.switchboard.ingest.IngestProperties;
import dev.switchboard.ingest.IntakeBody;
import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Setting;
import dev.switchboard.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies the Segment Webhooks destination's {@code X-Signature}: the hex HMAC-SHA1 of the raw body with the
 * shared secret (set on {@code /settings}, else from the environment), compared in constant time. Without a configured secret the webhook is closed.
 */
class WebhookSignatureFilter extends OncePerRequestFilter {

    private final IngestProperties properties;
    private final RuntimeSettings settings;

    WebhookSignatureFilter(IngestProperties properties, RuntimeSettings settings) {
        this.properties = properties;
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The secret set on /settings, else the environment's; read from memory on every request.
        String secret = settings.text(Setting.WEBHOOK_SECRET).orElse(properties.webhookSecret());
        if (secret == null || secret.isBlank()) {
            refuse(
                    response,
                    "The Segment webhook is closed: set the webhook secret on /settings or"
                            + " switchboard.ingest.webhook-secret (SWITCHBOARD_INGEST_WEBHOOK_SECRET) to the"
                            + " destination's shared secret.");
            return;
        }
        String signature = request.getHeader("X-Signature");
        byte[] body = IntakeBody.of(request).map(IntakeBody::bytes).orElse(new byte[0]);
        if (signature == null || !matches(signature, body, secret)) {
            refuse(
                    response,
                    signature == null
                            ? "The request has no X-Signature header."
                            : "X-Signature does not match the body signed with the shared secret.");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(IntakeAuthentication.webhook());
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    static boolean matches(String signature, byte[] body, String secret) {
        byte[] expected = HexFormat.of().formatHex(hmacSha1(secret, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] hmacSha1(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA1", e);
        }
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        SecurityContextHolder.clearContext();
        Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "bad-signature", "Bad signature", detail));
    }
}
