package dev.switchboard.admin.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.audit.StoredChain;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The overview's counts on a real H2, in a time window after every other test's data: each message status and
 * each delivery status the outbox stores, and nothing from before the window.
 */
@SpringBootTest
@ActiveProfiles("test")
class TrafficFiguresIntegrationTests {

    private static final List<String> DELIVERY_STATUSES =
            List.of("pending", "sending", "delivered", "failed", "dead", "invalid", "dry_run", "cancelled");

    @Autowired
    TrafficFigures figures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void countsEachMessageAndDeliveryStatusSinceAMoment() {
        StoredChain chain = new StoredChain(jdbc);
        Instant from = Instant.parse("2300-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextLong(1, 1_000_000) * 600);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Before the window: not counted.
        UUID before = chain.message("b-" + run, "track", "E", "u", null, "routed", from.minusSeconds(1), "{}");
        chain.delivery(before, "r", "u", "delivered", 1, from.minusSeconds(1), null);
        int minute = 0;
        for (String status : List.of("routed", "routed", "no_match", "rejected", "duplicate")) {
            chain.message(
                    "m" + minute + "-" + run, "track", "E", "u", null, status, from.plusSeconds(60L * minute++), "{}");
        }
        UUID routed = chain.message("d-" + run, "track", "E", "u", null, "routed", from, "{}");
        for (int i = 0; i < DELIVERY_STATUSES.size(); i++) {
            for (int copy = 0; copy <= i; copy++) {
                chain.delivery(routed, "r", "u", DELIVERY_STATUSES.get(i), 1, from.plusSeconds(i), null);
            }
        }

        Counts counts = figures.since(from);

        assertThat(counts.received()).isEqualTo(4);
        assertThat(counts.matched()).isEqualTo(3);
        assertThat(counts.deliveries())
                .isEqualTo(Map.of(
                        "pending",
                        1L,
                        "sending",
                        2L,
                        "delivered",
                        3L,
                        "failed",
                        4L,
                        "dead",
                        5L,
                        "invalid",
                        6L,
                        "dry_run",
                        7L,
                        "cancelled",
                        8L));
    }
}
