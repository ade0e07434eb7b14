package dev.switchboard.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An intake request that proved its source: a write key's source name, or the Segment webhook. */
final class IntakeAuthentication extends AbstractAuthenticationToken {

    static final String SOURCE_ROLE = "ROLE_SOURCE";
    static final String WEBHOOK_ROLE = "ROLE_SEGMENT_WEBHOOK";

    private final String source;

    private IntakeAuthentication(String source, String role) {
        super(List.of(new SimpleGrantedAuthority(role)));
        this.source = source;
        setAuthenticated(true);
    }

    static IntakeAuthentication source(String source) {
        return new IntakeAuthentication(source, SOURCE_ROLE);
    }

    static IntakeAuthentication webhook() {
        return new IntakeAuthentication("segment-webhook", WEBHOOK_ROLE);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return source;
    }
}
