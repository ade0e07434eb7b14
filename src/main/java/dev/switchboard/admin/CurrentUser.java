package dev.switchboard.admin;

import java.util.Locale;
import org.springframework.security.core.Authentication;

/** Who is looking at a page, and what the page may offer them. */
public record CurrentUser(String username, String role, boolean editor, boolean admin) {

    public static CurrentUser of(Authentication authentication) {
        boolean admin = has(authentication, "ROLE_ADMIN");
        boolean editor = admin || has(authentication, "ROLE_EDITOR");
        String role = admin ? "admin" : editor ? "editor" : "viewer";
        return new CurrentUser(authentication.getName(), role.toLowerCase(Locale.ROOT), editor, admin);
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
