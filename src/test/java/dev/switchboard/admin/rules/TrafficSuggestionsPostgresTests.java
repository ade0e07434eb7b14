package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The builder's suggestions from stored traffic on a real PostgreSQL: the same answers, read backwards by index. */
class TrafficSuggestionsPostgresTests extends TrafficSuggestionsIntegrationTests {

    @Autowired
    TransactionTemplate transactions;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "traffic_suggestions");
    }

    @Override
    @Test
    void eachSuggestionReadsAnIndexNewestFirst() {
        // On a few rows PostgreSQL would rather scan the table: ask what it can do, as the audit plan test does
        // (one transaction, so the setting and the plans share a connection).
        transactions.executeWithoutResult(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            assertThat(plan(TrafficSuggestions.EVENT_NAMES))
                    .contains("Index Scan Backward using ix_event_message_received_at");
            assertThat(plan(TrafficSuggestions.LATEST_PAYLOADS))
                    .contains("Index Scan Backward using ix_event_message_received_at");
            assertThat(plan(TrafficSuggestions.LATEST_PAYLOADS_OF_EVENT.replace("?", "'Order Completed'")))
                    .contains("ix_event_message_event");
        });
    }
}
