package dev.switchboard.message;

/** Where a stored message stands, as the audit log filters it. */
public enum MessageStatus {
    /** Evaluated; no rule matched. */
    NO_MATCH,
    /** At least one rule matched and its deliveries were written. */
    ROUTED,
    /** Failed validation; stored with the reason, never routed. */
    REJECTED,
    /** The same messageId from the same source was seen within the de-duplication window. */
    DUPLICATE;

    /** The value stored in the database and used in URLs: lower case. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
