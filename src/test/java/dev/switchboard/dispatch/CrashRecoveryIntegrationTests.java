package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuRequest;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.FakeNovu;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two lives on one H2 file. The first stops gracefully mid-backlog: calls in flight finish, nothing stays
 * claimed. Then the state a killed process leaves (rows in {@code sending} with an expired lease, some of
 * whose calls had already reached Novu) is recovered by the next start: everything delivered exactly once per
 * transactionId, and a claim whose lease still runs is left alone.
 */
class CrashRecoveryIntegrationTests {

    @TempDir
    Path dataDirectory;

    private final FakeNovu novu = FakeNovu.start();

    @AfterEach
    void stopNovu() {
        novu.close();
    }

    @Test
    void aGracefulStopFinishesCallsInFlightAndTheNextStartRecoversWhatACrashLeft() {
        List<Deliveries> backlog = new ArrayList<>();
        novu.latency(300);
        try (var first = start(true)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            for (int i = 0; i < 12; i++) {
                Deliveries row = Deliveries.trigger("backlog", "u-backlog-" + i);
                row.insert(jdbc);
                backlog.add(row);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> count(jdbc, "delivered") >= 2);
        }
        try (var between = start(false)) {
            JdbcClient jdbc = between.getBean(JdbcClient.class);
            assertThat(count(jdbc, "sending"))
                    .as("a graceful stop gives back every claim")
                    .isZero();
            assertThat(jdbc.sql("select count(*) from delivery_attempt")
                            .query(Integer.class)
                            .single())
                    .as("every call that reached Novu was finished and recorded")
                    .isEqualTo(novu.received().size());

            // What a process killed with kill -9 leaves behind: claims whose lease has run out, some of them
            // after the call reached Novu, the answer never recorded.
            Instant expired = Instant.now().minusSeconds(5);
            NovuClient client = between.getBean(NovuClient.class);
            for (int i = 0; i < 6; i++) {
                Deliveries row = Deliveries.trigger("crashed", "u-crash-" + i).claimed("killed-instance", expired);
                row.insert(jdbc);
                backlog.add(row);
                if (i < 3) {
                    String body = jdbc.sql("select body from delivery where id = :id")
                            .param("id", row.id())
                            .query(String.class)
                            .single();
                    assertThat(client.send(new NovuRequest("POST", "/v1/events/trigger", body, row.idempotencyKey()))
                                    .delivered())
                            .isTrue();
                }
            }
            Deliveries.trigger("alive", "u-alive")
                    .claimed("live-instance", Instant.now().plus(Duration.ofHours(1)))
                    .insert(jdbc);
        }
        novu.latency(0);
        try (var second = start(true)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(jdbc, "delivered") == backlog.size());

            assertThat(count(jdbc, "sending")).as("the live claim is not taken").isEqualTo(1);
        }
        for (Deliveries row : backlog) {
            assertThat(novu.accepted(row.transactionId()))
                    .as("Novu ran %s once", row.transactionId())
                    .isEqualTo(1);
        }
        assertThat(novu.violations()).isEmpty();
    }

    private static int count(JdbcClient jdbc, String status) {
        return jdbc.sql("select count(*) from delivery where status = :status")
                .param("status", status)
                .query(Integer.class)
                .single();
    }

    private ConfigurableApplicationContext start(boolean dispatch) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("switchboard")
                                + ";DB_CLOSE_ON_EXIT=FALSE",
                        "--switchboard.dispatch.enabled=" + dispatch,
                        "--switchboard.dispatch.poll-interval=20ms",
                        "--switchboard.dispatch.workers=2",
                        "--switchboard.dispatch.lease=1m",
                        "--switchboard.novu.base-url=" + novu.baseUrl(),
                        "--switchboard.novu.api-key=" + FakeNovu.API_KEY);
    }
}
