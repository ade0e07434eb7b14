package dev.switchboard.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Marks an authentication as an HTTP Basic one, so the login throttle counts it (form logins count apart). */
final class BasicLoginDetails extends WebAuthenticationDetails {

    BasicLoginDetails(HttpServletRequest request) {
        super(request);
    }
}
