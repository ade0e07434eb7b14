package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.message.Ids;
import dev.switchboard.message.LookupKeys;
import dev.switchboard.support.QueryPlans;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The builder's suggestions from stored traffic on a real H2: event names of the latest messages, most frequent
 * first, and the paths of an event's latest payloads; each read newest first from an index that stops after its
 * sample, as the audit log grows into millions of messages.
 */
@SpringBootTest
@ActiveProfiles("test")
class TrafficSuggestionsIntegrationTests {

    @Autowired
    TrafficSuggestions traffic;

    @Autowired
    JdbcClient jdbc;

    @Test
    void suggestsTheLatestTrafficsEventNamesAndAnEventsPaths() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Far in the future: the newest messages of the shared test database.
        Instant base = Instant.parse("2099-01-01T00:00:00Z").plusSeconds(Math.abs(run.hashCode() % 100_000) * 60L);
        for (int i = 0; i < 3; i++) {
            message("Often " + run, "routed", base.plusSeconds(i), "{\"properties\":{\"often_" + i + "\":1}}");
        }
        message("Once " + run, "no_match", base.plusSeconds(3), "{\"properties\":{\"once\":true}}");
        message("Rejected " + run, "rejected", base.plusSeconds(4), "{\"properties\":{\"bad\":true}}");

        List<String> names = traffic.eventNames();
        assertThat(names).contains("Often " + run, "Once " + run).doesNotContain("Rejected " + run);
        assertThat(names.indexOf("Often " + run)).isLessThan(names.indexOf("Once " + run));
        assertThat(traffic.paths(List.of("Often " + run, "Once " + run)))
                .contains("$.properties", "$.properties.often_0", "$.properties.often_2", "$.properties.once")
                .doesNotContain("$.properties.bad");
        assertThat(traffic.paths(List.of())).contains("$.properties.once");
    }

    @Test
    void eachSuggestionReadsAnIndexNewestFirst() {
        // H2 says "index sorted" when it reads in the ORDER BY's order and stops after the sample.
        assertThat(plan(TrafficSuggestions.EVENT_NAMES)).contains("IX_EVENT_MESSAGE_RECEIVED_AT", "index sorted");
        assertThat(plan(TrafficSuggestions.LATEST_PAYLOADS)).contains("IX_EVENT_MESSAGE_RECEIVED_AT", "index sorted");
        assertThat(plan(TrafficSuggestions.LATEST_PAYLOADS_OF_EVENT.replace("?", "'Order Completed'")))
                .contains("IX_EVENT_MESSAGE_EVENT", "index sorted");
    }

    String plan(String sql) {
        return QueryPlans.explain(jdbc, sql);
    }

    private void message(String event, String status, Instant at, String payload) {
        String messageId = UUID.randomUUID().toString();
        jdbc.sql("insert into event_message (id, source, message_id, type, event, user_id, status, received_at,"
                        + " event_timestamp, payload, message_key, user_key) values (:id, 'web', :mid, 'track', :event,"
                        + " 'u', :status, :at, :at, :payload, :midKey, :userKey)")
                .param("id", Ids.newId())
                .param("mid", messageId)
                .param("midKey", LookupKeys.keyOf(messageId))
                .param("userKey", LookupKeys.keyOf("u"))
                .param("event", event)
                .param("status", status)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("payload", payload)
                .update();
    }
}
