package dev.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The event search against a plain reading of the rows it searches: 60 messages with people, events, statuses,
 * rule decisions and deliveries drawn at random (many sharing a received_at, as a batch's messages do), then every
 * combination of the user, event, rule and status filters, paged through with the cursor at two page sizes, must
 * list exactly the messages that a filter over the inserted rows selects, newest first in the databases' order.
 * It covers each way the search reads (a message index, a rule's decisions merged over two outcomes, a state's
 * deliveries listed once per message) and the cursor across each.
 */
@SpringBootTest
@ActiveProfiles("test")
class EventSearchAgreementIntegrationTests {

    private static final List<String> USERS = List.of("u0", "u1", "u2");
    private static final List<String> EVENTS = List.of("Order Completed", "Cart Viewed");
    private static final List<String> RULES = List.of("r0", "r1", "r2");
    private static final List<String> MESSAGE_STATUSES = List.of("routed", "no_match", "rejected", "duplicate");
    private static final List<String> DELIVERY_STATUSES =
            List.of("pending", "delivered", "dead", "failed", "invalid", "dry_run", "cancelled");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventLog events;

    private record Message(UUID id, Instant receivedAt, String user, String event, String status) {}

    private record Decision(UUID eventId, String rule, String outcome) {}

    private record Delivery(UUID eventId, String rule, String status, int attempts) {}

    @Test
    void everyCombinationOfFiltersListsWhatTheRowsSay() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.parse("2041-01-01T00:00:00Z")
                .plusSeconds(ThreadLocalRandom.current().nextLong(1, 3_000_000) * 60);
        Random random = new Random(run.hashCode());
        StoredChain chain = new StoredChain(jdbc);
        List<Message> messages = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Eight instants for 60 messages: most share their received_at with others, as a batch's do.
            Instant at = base.plusSeconds(random.nextInt(8));
            String user = pick(random, USERS) + "-" + run;
            String event = pick(random, EVENTS);
            String status = pick(random, MESSAGE_STATUSES);
            UUID id = chain.message("m" + i + "-" + run, "track", event, user, null, status, at, "{}");
            messages.add(new Message(id, at, user, event, status));
            if (!status.equals("routed")) {
                continue;
            }
            for (String rule : RULES) {
                int draw = random.nextInt(10);
                String outcome = draw < 5 ? "matched" : draw < 7 ? "error" : "not_matched";
                chain.decision(id, rule, outcome, at);
                decisions.add(new Decision(id, rule, outcome));
                if (!outcome.equals("matched")) {
                    continue;
                }
                // Up to three actions, so a message may have several deliveries in one state.
                for (int action = random.nextInt(4); action > 0; action--) {
                    String state = pick(random, DELIVERY_STATUSES);
                    int attempts = state.equals("pending") ? random.nextInt(2) : 1;
                    chain.delivery(id, rule, user, state, attempts, at, null);
                    deliveries.add(new Delivery(id, rule, state, attempts));
                }
            }
        }

        int searches = 0;
        for (String user : Arrays.asList(null, USERS.get(0) + "-" + run)) {
            for (String event : Arrays.asList(null, EVENTS.get(0))) {
                for (String rule : Arrays.asList(null, RULES.get(0), RULES.get(1))) {
                    for (String status : Arrays.asList(
                            null, "routed", "received", "rejected", "delivered", "dead", "retrying", "pending")) {
                        Predicate<Message> selects =
                                message -> (user == null || message.user().equals(user))
                                        && (event == null || message.event().equals(event))
                                        && statusAndRule(message, status, rule, decisions, deliveries);
                        List<UUID> expected = messages.stream()
                                .filter(selects)
                                .sorted(NEWEST_FIRST)
                                .map(Message::id)
                                .toList();
                        for (int pageSize : new int[] {2, 50}) {
                            assertThat(allPages(user, event, rule, status, base, pageSize))
                                    .as(
                                            "user %s, event %s, rule %s, status %s, pages of %d",
                                            user, event, rule, status, pageSize)
                                    .isEqualTo(expected);
                            searches++;
                        }
                    }
                }
            }
        }
        assertThat(searches).isEqualTo(2 * 2 * 3 * 8 * 2);
    }

    /** Newest first; ties by id as both databases order UUIDs (unsigned, most significant half first). */
    private static final Comparator<Message> NEWEST_FIRST = Comparator.comparing(Message::receivedAt)
            .thenComparing(Message::id, (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0
                        ? high
                        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            })
            .reversed();

    /** What EventQuery documents for its status and rule filters, read off the inserted rows. */
    private static boolean statusAndRule(
            Message message,
            @Nullable String status,
            @Nullable String rule,
            List<Decision> decisions,
            List<Delivery> deliveries) {
        boolean deliveryStatus = status != null && (status.equals("retrying") || DELIVERY_STATUSES.contains(status));
        if (deliveryStatus) {
            return deliveries.stream()
                    .anyMatch(d -> d.eventId().equals(message.id())
                            && (rule == null || d.rule().equals(rule))
                            && (status.equals("retrying")
                                    ? d.status().equals("pending") && d.attempts() > 0
                                    : d.status().equals(status)));
        }
        boolean statusHolds = status == null
                || (status.equals("received")
                        ? message.status().equals("routed") || message.status().equals("no_match")
                        : message.status().equals(status));
        boolean ruleHolds = rule == null
                || decisions.stream()
                        .anyMatch(d -> d.eventId().equals(message.id())
                                && d.rule().equals(rule)
                                && !d.outcome().equals("not_matched"));
        return statusHolds && ruleHolds;
    }

    private List<UUID> allPages(
            @Nullable String user,
            @Nullable String event,
            @Nullable String rule,
            @Nullable String status,
            Instant base,
            int pageSize) {
        List<UUID> all = new ArrayList<>();
        String cursor = null;
        do {
            EventLog.Page page = events.search(new EventQuery(
                    user,
                    null,
                    null,
                    "web",
                    null,
                    event,
                    rule,
                    status,
                    null,
                    base,
                    base.plusSeconds(60),
                    cursor,
                    null,
                    pageSize));
            page.events().forEach(summary -> all.add(summary.id()));
            cursor = page.next();
        } while (cursor != null && all.size() < 1_000);
        return all;
    }

    private static String pick(Random random, List<String> values) {
        return Objects.requireNonNull(values.get(random.nextInt(values.size())));
    }
}
