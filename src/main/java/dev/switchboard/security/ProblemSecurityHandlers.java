package dev.switchboard.security;

import dev.switchboard.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 for machines as RFC 9457 problems (Spring's defaults write an empty body or a Whitelabel page).
 * No {@code WWW-Authenticate} challenge: a browser must not pop up a Basic dialog and cache credentials.
 */
final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {}

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> Problems.write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "unauthorized",
                        "Unauthorized",
                        "Log in: HTTP Basic with a Switchboard account, or a session from the login page."));
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(
                response,
                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this."));
    }
}
