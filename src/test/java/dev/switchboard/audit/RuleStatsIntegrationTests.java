package dev.switchboard.audit;

import static dev.switchboard.support.IntakeClient.adminHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.IntakeClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Per-rule statistics per hour and day, and the all-rules overview, on known rows. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RuleStatsIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void countsAndLatenciesPerBucketAndOverview() {
        String rule = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        Instant hour = Instant.parse("2032-01-01T00:00:00Z")
                .plus(ThreadLocalRandom.current().nextLong(1, 200_000), ChronoUnit.HOURS);
        var chain = new StoredChain(jdbc);
        UUID event = chain.message("s-" + rule, "track", "X", "u-" + rule, null, "routed", hour, "{}");
        for (int i = 0; i < 3; i++) {
            chain.decision(event, rule, "matched", hour.plusSeconds(60 + i));
        }
        chain.decision(event, rule, "not_matched", hour.plusSeconds(70));
        chain.decision(event, rule, "matched", hour.plusSeconds(3600 + 5));
        for (int latency : new int[] {100, 300, 200}) {
            UUID id = chain.delivery(event, rule, "u", "delivered", 1, hour.plusSeconds(120), null);
            jdbc.sql("update delivery set finished_at = ? where id = ?")
                    .params(hour.plusSeconds(120).plusMillis(latency).atOffset(ZoneOffset.UTC), id)
                    .update();
        }
        for (String status : new String[] {"dead", "failed", "invalid", "pending"}) {
            chain.delivery(event, rule, "u", status, 1, hour.plusSeconds(3600 + 10), null);
        }

        var client = new IntakeClient(port);
        JsonNode series =
                get(client, "/api/rules/" + rule + "/stats?bucket=hour&from=" + hour + "&to=" + hour.plusSeconds(7200));
        assertThat(series.get("buckets")).hasSize(2);
        JsonNode first = series.at("/buckets/0/figures");
        assertThat(first.get("matched").asLong()).isEqualTo(3);
        assertThat(first.get("delivered").asLong()).isEqualTo(3);
        assertThat(first.get("medianLatencyMs").asLong()).isEqualTo(200);
        assertThat(first.get("p99LatencyMs").asLong()).isEqualTo(300);
        JsonNode second = series.at("/buckets/1/figures");
        assertThat(second.get("matched").asLong()).isEqualTo(1);
        assertThat(second.get("dead").asLong()).isEqualTo(1);
        assertThat(second.get("failed").asLong()).isEqualTo(1);
        assertThat(second.get("invalid").asLong()).isEqualTo(1);
        assertThat(second.get("medianLatencyMs").isNull()).isTrue();
        assertThat(series.at("/total/matched").asLong()).isEqualTo(4);

        JsonNode daily = get(
                client,
                "/api/rules/" + rule + "/stats?bucket=day&from=" + hour.truncatedTo(ChronoUnit.DAYS) + "&to="
                        + hour.truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS));
        assertThat(daily.get("buckets")).hasSize(2);
        assertThat(daily.at("/total/delivered").asLong()).isEqualTo(3);

        JsonNode overview = get(client, "/api/stats/rules?from=" + hour + "&to=" + hour.plusSeconds(7200));
        JsonNode mine = null;
        for (JsonNode r : overview.get("rules")) {
            if (r.get("rule").asString().equals(rule)) {
                mine = r.get("figures");
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("matched").asLong()).isEqualTo(4);
        assertThat(mine.get("delivered").asLong()).isEqualTo(3);
        assertThat(mine.get("dead").asLong()).isEqualTo(1);
        assertThat(mine.get("medianLatencyMs").asLong()).isEqualTo(200);

        assertThat(client.get("/api/rules/" + rule + "/stats?bucket=week", "Authorization", adminHeader())
                        .statusCode())
                .isEqualTo(400);
    }

    private static JsonNode get(IntakeClient client, String path) {
        var response = client.get(path, "Authorization", adminHeader());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
