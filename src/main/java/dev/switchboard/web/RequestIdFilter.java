package dev.switchboard.web;

import dev.switchboard.message.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is a short safe token (a proxy
 * or load balancer may set one), else a new UUIDv7. It is in the MDC as {@code requestId} for every log line of
 * the request (plain and structured logs), in the {@code X-Request-Id} response header, in problem details
 * ({@link Problems#of}) and on the error page, so an operator can find the log lines of what a user saw.
 * Runs first, before security, so refusals carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    /** The MDC key and the problem-detail property. */
    public static final String KEY = "requestId";

    public static final String HEADER = "X-Request-Id";

    /** The request attribute holding the id, for the error dispatch after the filter chain has returned. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._\\-]{8,64}");

    /** The id of the request being handled on this thread, or null outside a request. */
    public static @Nullable String current() {
        return MDC.get(KEY);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The error page is rendered in a second dispatch: it must log and show the same id.
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getAttribute(ATTRIBUTE) instanceof String known ? known : idFor(request);
        request.setAttribute(ATTRIBUTE, id);
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, id);
        }
        String outer = MDC.get(KEY);
        MDC.put(KEY, id);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            // Logged here, while the id is in the MDC: the container logs it again, but after the MDC is gone.
            log.error("Request {} {} failed (request id {})", request.getMethod(), request.getRequestURI(), id, e);
            throw e;
        } finally {
            if (outer == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, outer);
            }
        }
    }

    private static String idFor(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && SAFE.matcher(given).matches()
                ? given
                : Ids.newId().toString();
    }
}
