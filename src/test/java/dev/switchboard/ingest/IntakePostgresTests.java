package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same migrations and the same intake on a real PostgreSQL server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakePostgresTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "intake");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsRunOnPostgresql() {
        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
    }

    @Test
    void keepsTheRulesThatDidNotMatchOnTheMessageAndShowsThemAll() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();

        UUID eventId = rules.send();

        rules.assertStored(eventId);
        rules.assertShown(eventId);
        assertThat(jdbc.sql("select count(*) from pg_indexes where indexname in ('ix_rule_decision_rule_key',"
                                + " 'ix_delivery_rule_key')")
                        .query(Long.class)
                        .single())
                .as("V50 dropped the two covered indexes")
                .isZero();
    }

    @Test
    void storesDeduplicatesAndListsMessages() {
        var client = new IntakeClient(port);
        String sample = SegmentSamples.text("batch-analytics-node.json");

        var first = client.post("/v1/batch", sample, "Authorization", IntakeClient.writeKeyHeader());
        var again = client.post("/v1/batch", sample, "Authorization", IntakeClient.writeKeyHeader());
        var mixed = client.post(
                "/v1/batch",
                "{\"batch\":[{\"type\":\"track\",\"userId\":\"pg\",\"event\":\"E\"},{\"type\":\"track\",\"userId\":\"pg\"}]}",
                "Authorization",
                IntakeClient.writeKeyHeader());
        var repeated = client.post(
                "/v1/batch",
                "{\"batch\":[{\"type\":\"track\",\"userId\":\"pg\",\"event\":\"E\",\"messageId\":\"pg-twice\"},"
                        + "{\"type\":\"track\",\"userId\":\"pg\",\"event\":\"E\",\"messageId\":\"pg-twice\"}]}",
                "Authorization",
                IntakeClient.writeKeyHeader());
        var listed =
                client.get("/api/events?userId=63da8ee0c037e013fd790ffd", "Authorization", IntakeClient.adminHeader());

        assertThat(first.body()).contains("\"accepted\":4");
        assertThat(again.body()).contains("\"duplicates\":4");
        assertThat(mixed.body()).contains("\"accepted\":1").contains("\"index\":1");
        assertThat(repeated.body()).contains("\"accepted\":1").contains("\"duplicates\":1");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from event_message where user_id = '63da8ee0c037e013fd790ffd'")
                        .query(Long.class)
                        .single())
                .isEqualTo(8);
    }
}
