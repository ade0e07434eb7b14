package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.FakeNovu;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Two dispatchers on one PostgreSQL database share the backlog: no row is sent twice, per-user order holds. */
class DispatchPostgresTests {

    private final FakeNovu novu = FakeNovu.start().latency(5);

    @AfterEach
    void stopNovu() {
        novu.close();
    }

    @Test
    void twoDispatchersNeverSendTheSameRowTwice() {
        String url = EmbeddedPostgresSupport.newDatabase("dispatch");
        try (var a = start(url);
                var b = start(url)) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            List<Deliveries> rows = new ArrayList<>();
            Instant base = Instant.now();
            for (int i = 0; i < 200; i++) {
                String user = i < 100 ? "pg-user-" + (i % 20) : null;
                rows.add(Deliveries.trigger("pg-" + i, user).createdAt(base.plusMillis(i)));
            }
            a.getBean(TransactionTemplate.class).executeWithoutResult(status -> rows.forEach(row -> row.insert(jdbc)));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("select count(*) from delivery where status = 'delivered'")
                                    .query(Integer.class)
                                    .single()
                            == rows.size());

            Map<String, Long> sendsPerKey = novu.received().stream()
                    .collect(Collectors.groupingBy(FakeNovu.Received::idempotencyKey, Collectors.counting()));
            assertThat(sendsPerKey).hasSize(rows.size());
            assertThat(sendsPerKey.values()).allMatch(count -> count == 1);
            assertThat(jdbc.sql("select count(distinct claimed_by) from delivery")
                            .query(Integer.class)
                            .single())
                    .as("both instances took part")
                    .isEqualTo(2);
            assertThat(jdbc.sql("select max(attempts) from delivery")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            for (int u = 0; u < 20; u++) {
                String user = "\"pg-user-" + u + "\"";
                List<String> received = novu.received().stream()
                        .filter(r -> r.body().contains(user))
                        .map(FakeNovu.Received::idempotencyKey)
                        .toList();
                List<String> written = rows.stream()
                        .filter(r -> r.body().contains(user))
                        .map(Deliveries::idempotencyKey)
                        .toList();
                assertThat(received).as("order of %s", user).containsExactlyElementsOf(written);
            }
            assertThat(novu.violations()).isEmpty();
        }
    }

    private ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--switchboard.dispatch.enabled=true",
                        "--switchboard.dispatch.poll-interval=20ms",
                        "--switchboard.dispatch.batch-size=10",
                        "--switchboard.dispatch.rate-limit.trigger=6000",
                        "--switchboard.novu.base-url=" + novu.baseUrl(),
                        "--switchboard.novu.api-key=" + FakeNovu.API_KEY);
    }
}
