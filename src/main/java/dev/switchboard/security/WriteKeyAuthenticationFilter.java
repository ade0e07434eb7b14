package dev.switchboard.security;

import dev.switchboard.ingest.IntakeBody;
import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates Tracking API calls by write key: the HTTP Basic user name (password empty, colon optional), or
 * else the body's top-level {@code writeKey} (analytics-java 3.5.4 sends no header at all). An unknown or
 * missing key is answered 401 here; the key itself is never logged.
 */
class WriteKeyAuthenticationFilter extends OncePerRequestFilter {

    private final WriteKeys writeKeys;
    private final JsonMapper json;

    WriteKeyAuthenticationFilter(WriteKeys writeKeys, JsonMapper json) {
        this.writeKeys = writeKeys;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = BasicCredentials.user(request.getHeader("Authorization"));
        if (key == null) {
            key = IntakeBody.of(request).map(body -> bodyWriteKey(body.bytes())).orElse(null);
        }
        Optional<String> source = key == null ? Optional.empty() : writeKeys.sourceOf(key);
        if (source.isEmpty()) {
            SecurityContextHolder.clearContext();
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            key == null ? "missing-write-key" : "unknown-write-key",
                            key == null ? "Missing write key" : "Unknown write key",
                            key == null
                                    ? "Send the source's write key as the HTTP Basic user name or as \"writeKey\" in"
                                            + " the body."
                                    : "This write key is not known to Switchboard, or it was revoked."));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(IntakeAuthentication.source(source.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** Scans only the top level of the body for {@code writeKey}, skipping nested values without building them. */
    private @Nullable String bodyWriteKey(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("writeKey".equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getString();
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            // Malformed JSON has no key we can read; the caller answers 401 without parsing further.
            return null;
        }
    }
}
