package dev.switchboard.novu;

/**
 * Novu's rate-limit categories. Each has its own limit per plan, so each gets its own client-side bucket: a
 * burst of subscriber upserts must not eat the budget of triggers.
 */
public enum NovuBucket {
    /** Events: trigger, bulk trigger, broadcast and cancel ({@code /v1/events/**}). */
    TRIGGER,
    /** Subscribers and topics ({@code /v2/subscribers/**}, {@code /v2/topics/**} and their v1 forms). */
    CONFIGURATION,
    /** Everything else, limited by Novu's "global" category. */
    GLOBAL;

    /** The category of a call by its path relative to the base URL. */
    public static NovuBucket of(String path) {
        if (path.startsWith("/v1/events")) {
            return TRIGGER;
        }
        if (path.startsWith("/v1/subscribers")
                || path.startsWith("/v2/subscribers")
                || path.startsWith("/v1/topics")
                || path.startsWith("/v2/topics")) {
            return CONFIGURATION;
        }
        return GLOBAL;
    }
}
