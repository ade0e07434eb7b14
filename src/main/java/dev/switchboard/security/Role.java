package dev.switchboard.security;

/** What a person may do. Each role includes the ones above it in this list. */
public enum Role {
    /** Browse rules and the audit log. */
    VIEWER,
    /** Also edit, test and publish rules (without advanced expressions). */
    EDITOR,
    /** Everything: settings, users, advanced (MVEL) expressions. */
    ADMIN
}
