package dev.switchboard.admin.overview;

import java.util.Map;

/** Messages received, matched (routed to at least one rule), and deliveries by status. */
public record Counts(long received, long matched, Map<String, Long> deliveries) {

    public long deliveries(String status) {
        return deliveries.getOrDefault(status, 0L);
    }
}
