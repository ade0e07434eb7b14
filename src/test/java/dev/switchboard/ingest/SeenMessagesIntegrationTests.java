package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ingest.SeenMessages.Copy;
import dev.switchboard.message.Ids;
import dev.switchboard.message.LookupKeys;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The de-duplication window, on the database, at chosen instants instead of waiting a day: ids are looked up and
 * their rows stored the way intake does it, the new ones marked as their messageId's first copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SeenMessagesIntegrationTests {

    static final Duration WINDOW = Duration.ofHours(24);
    static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");
    static final String SOURCE = "window-test";

    @Autowired
    SeenMessages seen;

    @Autowired
    StoredEvents events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Test
    void messageIdCountsAsSeenWithinTheWindowAndIsNewAfterIt() {
        String id = "window-" + UUID.randomUUID();

        assertThat(store(id, MONDAY)).containsExactly(Copy.FIRST);
        assertThat(store(id, MONDAY.plus(Duration.ofHours(23)))).containsExactly(Copy.DUPLICATE);
        assertThat(store(id, MONDAY.plus(Duration.ofHours(23)).plus(WINDOW).plusSeconds(1)))
                .as("the window counts from the copy that was new, not from the duplicate")
                .containsExactly(Copy.FIRST);
        assertThat(store(id, MONDAY.plus(WINDOW).plus(WINDOW))).containsExactly(Copy.DUPLICATE);
    }

    @Test
    void looksUpAWholeRequestAtOnceWithRepeatsInsideItNewOnlyOnce() {
        String known = "known-" + UUID.randomUUID();
        String expired = "expired-" + UUID.randomUUID();
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        store(known, MONDAY.minus(Duration.ofHours(1)));
        store(expired, MONDAY.minus(WINDOW).minusSeconds(1));

        Copy[] copies =
                transactions.execute(status -> store(List.of(first, known, first, expired, second, expired), MONDAY));

        assertThat(copies)
                .containsExactly(Copy.FIRST, Copy.DUPLICATE, Copy.DUPLICATE, Copy.FIRST, Copy.FIRST, Copy.DUPLICATE);
        assertThat(store(expired, MONDAY.plusSeconds(1))).containsExactly(Copy.DUPLICATE);
        assertThat(store(second, MONDAY.plusSeconds(1))).containsExactly(Copy.DUPLICATE);
    }

    @Test
    void exactlyOneStoredCopyHoldsTheMarkAndItIsTheOneThatWasNewLast() {
        String id = "mark-" + UUID.randomUUID();
        store(id, MONDAY);
        store(id, MONDAY.plusSeconds(60));
        store(id, MONDAY.plus(WINDOW).plusSeconds(1));
        store(id, MONDAY.plus(WINDOW).plusSeconds(2));

        List<String> copies = jdbc.sql(
                        "select status, first_copy from event_message where message_id = :id" + " order by received_at")
                .param("id", id)
                .query((rs, n) -> rs.getString(1) + "/" + rs.getObject(2))
                .list();

        assertThat(copies).containsExactly("routed/null", "duplicate/null", "routed/true", "duplicate/null");
    }

    @Test
    void theDatabaseRefusesASecondFirstCopyButTakesAnyNumberOfOtherCopies() {
        String id = "unique-" + UUID.randomUUID();
        store(id, MONDAY);

        transactions.executeWithoutResult(status -> events.insert(List.of(
                row(id, "duplicate", MONDAY.plusSeconds(1), false),
                row(id, "duplicate", MONDAY.plusSeconds(2), false))));
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        status -> events.insert(List.of(row(id, "routed", MONDAY.plusSeconds(3), true)))))
                .isInstanceOf(DuplicateKeyException.class);
        transactions.executeWithoutResult(
                status -> events.insert(List.of(row("other-source", id, "routed", MONDAY.plusSeconds(4), true))));

        assertThat(jdbc.sql("select count(*) from event_message where message_id = :id and first_copy")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .as("one mark per source")
                .isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from event_message where message_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    /**
     * Two messageIds with one lookup key (about one pair in 10^19; here the earlier one's row is written with the
     * later one's key): the later one is new, stored without the mark the other holds, and routed.
     */
    @Test
    void aNewMessageIdWhoseKeyAnotherIdHoldsIsStoredWithoutTheMark() {
        String holder = "holder-" + UUID.randomUUID();
        String newcomer = "newcomer-" + UUID.randomUUID();
        jdbc.sql("insert into event_message (id, source, message_id, message_key, status, received_at, payload,"
                        + " first_copy) values (:id, :source, :message, :key, 'routed', :at, '{}', true)")
                .param("id", Ids.newId())
                .param("source", SOURCE)
                .param("message", holder)
                .param("key", LookupKeys.keyOf(newcomer))
                .param("at", MONDAY.atOffset(ZoneOffset.UTC))
                .update();

        assertThat(store(newcomer, MONDAY.plusSeconds(1))).containsExactly(Copy.NEW_WITHOUT_MARK);
        assertThat(store(newcomer, MONDAY.plusSeconds(2)))
                .as("without a mark of its own a redelivery is not recognised: the price of a shared key")
                .containsExactly(Copy.NEW_WITHOUT_MARK);
        assertThat(store(newcomer, MONDAY.plus(WINDOW).plusSeconds(1)))
                .as("once the holder's mark is older than the window, the newcomer takes it")
                .containsExactly(Copy.FIRST);
        assertThat(store(newcomer, MONDAY.plus(WINDOW).plusSeconds(2))).containsExactly(Copy.DUPLICATE);
        assertThat(jdbc.sql("select status from event_message where message_id = :id order by received_at")
                        .param("id", newcomer)
                        .query(String.class)
                        .list())
                .containsExactly("routed", "routed", "routed", "duplicate");
    }

    @Test
    void theLookupReadsTheFirstCopyIndex() {
        String plan = transactions.execute(status -> {
            beforePlanning();
            return String.join(
                    "\n",
                    jdbcTemplate.query(
                            connection -> {
                                PreparedStatement explain = connection.prepareStatement("explain " + seen.find());
                                explain.setArray(1, connection.createArrayOf("bigint", new Object[] {1L, 2L}));
                                explain.setString(2, SOURCE);
                                return explain;
                            },
                            (rs, n) -> rs.getString(1)));
        });

        assertThat(plan.toLowerCase(Locale.ROOT)).contains("ux_event_message_message_key");
    }

    /** PostgreSQL scans a table this small rather than read an index: the plan that matters is the large one. */
    void beforePlanning() {}

    /** Looks the ids up and stores their rows in one transaction, as intake does; answers what each was. */
    List<Copy> store(String messageId, Instant at) {
        return List.of(transactions.execute(status -> store(List.of(messageId), at)));
    }

    Copy[] store(List<String> messageIds, Instant at) {
        Copy[] copies = seen.classify(SOURCE, messageIds, at, WINDOW);
        List<StoredEvents.Row> rows = new ArrayList<>();
        for (int i = 0; i < copies.length; i++) {
            rows.add(row(messageIds.get(i), copies[i].isNew() ? "routed" : "duplicate", at, copies[i] == Copy.FIRST));
        }
        events.insert(rows);
        return copies;
    }

    private static StoredEvents.Row row(String messageId, String status, Instant at, boolean firstCopy) {
        return row(SOURCE, messageId, status, at, firstCopy);
    }

    private static StoredEvents.Row row(String source, String messageId, String status, Instant at, boolean firstCopy) {
        return new StoredEvents.Row(
                Ids.newId(),
                source,
                messageId,
                "track",
                "Seen",
                "user-1",
                null,
                status,
                null,
                at,
                at,
                "{\"messageId\":\"" + messageId + "\"}",
                null,
                firstCopy);
    }
}
