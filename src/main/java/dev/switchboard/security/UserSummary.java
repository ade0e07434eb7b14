package dev.switchboard.security;

import java.time.Instant;

/** A person as the users page lists them; never the password hash. */
public record UserSummary(String username, Role role, boolean enabled, Instant createdAt) {}
