package dev.switchboard.security;

import dev.switchboard.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login throttle for HTTP Basic: the JSON API would otherwise let anyone guess passwords as fast as the
 * network allows. A user name and address that must wait get 429 with Retry-After before the password is
 * checked; failures and successes are counted by {@link LoginThrottleEvents}.
 */
final class BasicLoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    BasicLoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = BasicCredentials.user(request.getHeader("Authorization"));
        Duration wait = username == null ? Duration.ZERO : throttle.waitFor(username, request.getRemoteAddr());
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            ProblemDetail problem = Problems.of(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-logins",
                    "Too many failed logins",
                    "Too many failed logins for this user from this address; try again in " + seconds + " s.");
            response.setHeader("Retry-After", Long.toString(seconds));
            Problems.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
