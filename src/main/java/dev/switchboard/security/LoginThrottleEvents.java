package dev.switchboard.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts HTTP Basic logins for the throttle (their details are {@link BasicLoginDetails}). Form logins are
 * counted by the login page's own handlers.
 */
@Component
class LoginThrottleEvents {

    private final LoginThrottle throttle;

    LoginThrottleEvents(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken token
                && token.getDetails() instanceof BasicLoginDetails details) {
            throttle.failed(token.getName(), details.getRemoteAddress());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getDetails() instanceof BasicLoginDetails details) {
            throttle.succeeded(event.getAuthentication().getName(), details.getRemoteAddress());
        }
    }
}
