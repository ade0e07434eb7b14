package dev.switchboard.security;

import java.time.Instant;

/** One recorded change to an account: what, to whom, by whom, when. */
public record UserChange(String username, String change, String changedBy, Instant changedAt) {}
