package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.novu.NovuAlerts;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.novu.NovuWorkflow;
import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.FakeNovu.Reply;
import dev.switchboard.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Novu account as the pages see it, against a server that answers like Novu. */
class NovuAccountTests {

    private final FakeNovu novu = FakeNovu.start().workflow("welcome", "Welcome");
    private final MutableClock clock = MutableClock.startingNow();
    private final NovuAccount account = account(FakeNovu.API_KEY, Duration.ofSeconds(5));

    @AfterEach
    void stop() throws Exception {
        account.destroy();
        novu.close();
    }

    private NovuAccount account(@Nullable String key, Duration readTimeout) {
        var properties = new NovuProperties(novu.baseUrl(), key, Duration.ofSeconds(2), readTimeout);
        var client = new NovuClient(
                properties, clock, JsonMapper.builder().build(), new NovuAlerts(clock, new SimpleMeterRegistry()));
        return new NovuAccount(client, clock);
    }

    @Test
    void listsTheWorkflowsOnceAMinute() {
        assertThat(account.workflows()).containsExactly(new NovuWorkflow("welcome", "Welcome"));
        novu.workflow("abandoned-cart", "Abandoned cart");
        clock.advance(Duration.ofSeconds(59));
        assertThat(account.workflows()).hasSize(1);
        assertThat(novu.received("GET", "/v2/workflows")).hasSize(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(account.workflows()).hasSize(2);
        assertThat(novu.received("GET", "/v2/workflows")).hasSize(2);
    }

    @Test
    void keepsTheLastListWhenNovuFails() {
        account.workflows();
        novu.script(1, Reply.status(503));
        clock.advance(Duration.ofSeconds(61));

        assertThat(account.workflows()).containsExactly(new NovuWorkflow("welcome", "Welcome"));
    }

    @Test
    void saysWhetherNovuAnswersAndChecksAgainAfterHalfAMinute() {
        assertThat(account.reachability().state()).isEqualTo("reachable");

        novu.script(1, Reply.status(401));
        clock.advance(Duration.ofSeconds(20));
        assertThat(account.reachability().reachable()).isTrue();
        clock.advance(Duration.ofSeconds(11));
        var unreachable = account.reachability();

        assertThat(unreachable.state()).isEqualTo("unreachable");
        assertThat(unreachable.reason()).startsWith("HTTP 401");
        assertThat(novu.received("GET", "/v2/workflows")).hasSize(2);
    }

    @Test
    void aSlowNovuDoesNotHoldThePage() {
        novu.script(1, Reply.slow(4_000));
        long started = System.nanoTime();

        var reachability = account.reachability();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(reachability.state()).isEqualTo("checking");
    }

    @Test
    void neverAsksNovuInDryRun() {
        NovuAccount dry = account(null, Duration.ofSeconds(5));
        try {
            assertThat(dry.reachability().state()).isEqualTo("dry_run");
            assertThat(dry.workflows()).isEmpty();
            assertThat(novu.received()).isEmpty();
        } finally {
            dry.destroy();
        }
    }
}
