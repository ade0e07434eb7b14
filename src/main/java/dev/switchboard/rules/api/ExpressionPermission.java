package dev.switchboard.rules.api;

import dev.switchboard.rules.RuleCatalog;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import tools.jackson.databind.JsonNode;

/** Advanced (MVEL) expressions are executable code: only admins may write or publish them. */
final class ExpressionPermission {

    private ExpressionPermission() {}

    static void check(JsonNode rule, Authentication user) {
        boolean admin = user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        if (RuleCatalog.hasExpression(rule) && !admin) {
            throw new AccessDeniedException("Only admins may write advanced (MVEL) expressions.");
        }
    }
}
