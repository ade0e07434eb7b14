package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** The de-duplication window, on the database, at chosen instants instead of waiting a day. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SeenMessagesIntegrationTests {

    static final Duration WINDOW = Duration.ofHours(24);
    static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");

    @Autowired
    SeenMessages seen;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void messageIdCountsAsSeenWithinTheWindowAndIsNewAfterIt() {
        String id = "window-" + UUID.randomUUID();

        assertThat(mark(id, MONDAY)).containsExactly(true);
        assertThat(mark(id, MONDAY.plus(Duration.ofHours(23)))).containsExactly(false);
        assertThat(mark(id, MONDAY.plus(Duration.ofHours(23)).plus(WINDOW).plusSeconds(1)))
                .containsExactly(true);
    }

    @Test
    void marksAWholeRequestAtOnceWithRepeatsInsideItNewOnlyOnce() {
        String known = "known-" + UUID.randomUUID();
        String expired = "expired-" + UUID.randomUUID();
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        mark(known, MONDAY.minus(Duration.ofHours(1)));
        mark(expired, MONDAY.minus(WINDOW).minusSeconds(1));

        boolean[] fresh = transactions.execute(status ->
                seen.mark("window-test", List.of(first, known, first, expired, second, expired), MONDAY, WINDOW));

        assertThat(fresh).containsExactly(true, false, false, true, true, false);
        assertThat(mark(expired, MONDAY.plusSeconds(1))).containsExactly(false);
        assertThat(mark(second, MONDAY.plusSeconds(1))).containsExactly(false);
    }

    @Test
    void purgeForgetsOnlyIdsOlderThanTheCutoff() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        mark(old, MONDAY.minus(Duration.ofDays(30)));
        mark(recent, MONDAY);

        while (transactions.execute(status -> seen.purgeBefore(MONDAY.minus(WINDOW))) > 0) {
            // small batches until nothing older is left
        }

        assertThat(mark(old, MONDAY)).containsExactly(true);
        assertThat(mark(recent, MONDAY)).containsExactly(false);
    }

    private List<Boolean> mark(String messageId, Instant at) {
        boolean[] fresh = transactions.execute(status -> seen.mark("window-test", List.of(messageId), at, WINDOW));
        return List.of(fresh[0]);
    }
}
