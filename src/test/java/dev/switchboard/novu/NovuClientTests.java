package dev.switchboard.novu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.FakeNovu;
import dev.switchboard.support.FakeNovu.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The Novu client against a server that answers like Novu: what is sent, and how every answer is classified. */
class NovuClientTests {

    private static final String TRIGGER =
            "{\"name\":\"welcome\",\"to\":{\"subscriberId\":\"u1\"},\"payload\":{\"x\":\"ü €\"},\"transactionId\":\"sb-t1\"}";

    private final FakeNovu novu = FakeNovu.start();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final NovuAlerts alerts = new NovuAlerts(Clock.systemUTC(), meters);
    /** Every client a test made, closed after it (each has a pool of body-writer threads). */
    private final List<NovuClient> opened = new ArrayList<>();

    private final NovuClient client = client(FakeNovu.API_KEY, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        opened.forEach(NovuClient::close);
        novu.close();
    }

    private NovuClient client(String key, Duration readTimeout) {
        return client(new NovuProperties(novu.baseUrl(), key, Duration.ofSeconds(2), readTimeout));
    }

    private NovuClient client(NovuProperties properties) {
        NovuClient made = new NovuClient(
                properties, Clock.systemUTC(), JsonMapper.builder().build(), alerts);
        opened.add(made);
        return made;
    }

    @Test
    void triggerProcessedIsDeliveredAndSentExactlyAsStored() {
        NovuResult result = client.trigger(TRIGGER, "sb-trigger-key-1");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.DELIVERED);
        assertThat(result.httpStatus()).isEqualTo(201);
        assertThat(result.novuTransactionId()).isEqualTo("sb-t1");
        var request = novu.received().get(0);
        assertThat(request.body()).isEqualTo(TRIGGER);
        assertThat(request.authorization()).isEqualTo("ApiKey " + FakeNovu.API_KEY);
        assertThat(request.idempotencyKey()).isEqualTo("sb-trigger-key-1");
        assertThat(novu.violations()).isEmpty();
    }

    @Test
    void callsReuseThreadsInsteadOfStartingNewOnesForEachCall() {
        // The fake Novu starts its pool's threads with its first requests, the JDK client its own: warm both up.
        for (int i = 0; i < 40; i++) {
            client.trigger(TRIGGER, "warm-up-" + i);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 100; i++) {
            assertThat(client.trigger(TRIGGER, "key-" + i).delivered()).isTrue();
        }

        // Spring's default body writer started a thread per call, and so did the JDK client's completion on a
        // 2-CPU machine (see SwitchboardApplication; the test JVM gets the same common pool setting).
        assertThat(threads.getTotalStartedThreadCount() - started).isLessThan(10);
    }

    @Test
    void triggerWithAnotherStatusIsAPermanentFailureWithThatReason() {
        novu.workflowStatus("welcome", "trigger_not_active");

        NovuResult result = client.trigger(TRIGGER, "k");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.PERMANENT);
        assertThat(result.reason()).startsWith("trigger_not_active");
    }

    @Test
    void missingWorkflowSaysWhichWorkflow() {
        novu.missingWorkflow("welcome");

        NovuResult result = client.trigger(TRIGGER, "k");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.PERMANENT);
        assertThat(result.httpStatus()).isEqualTo(422);
        assertThat(result.reason()).isEqualTo("workflow_not_found: welcome");
    }

    @Test
    void aWrongApiKeyIsPermanent() {
        NovuResult result = client("wrong", Duration.ofSeconds(5)).trigger(TRIGGER, "k");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.PERMANENT);
        assertThat(result.httpStatus()).isEqualTo(401);
        assertThat(result.reason()).contains("API Key not found");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void clientErrorsArePermanent(int status) {
        novu.script(1, Reply.status(status));

        NovuResult result = client.trigger(TRIGGER, "k");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.PERMANENT);
        assertThat(result.httpStatus()).isEqualTo(status);
        assertThat(result.novuFailure()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
    void transientAnswersAreRetried(int status) {
        novu.script(1, Reply.status(status));

        NovuResult result = client.trigger(TRIGGER, "k");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.RETRY);
        assertThat(result.novuFailure()).isEqualTo(status >= 500 || status == 408);
    }

    @Test
    void paymentRequiredIsPermanentAndRaisesTheAlertUntilACallSucceeds() {
        novu.script(2, Reply.status(402));

        NovuResult first = client.trigger(TRIGGER, "k1");
        client.trigger(TRIGGER, "k2");

        assertThat(first.outcome()).isEqualTo(NovuResult.Outcome.PERMANENT);
        assertThat(first.reason()).startsWith("payment_required");
        assertThat(alerts.paymentRequired()).isTrue();
        assertThat(alerts.health().getStatus().getCode()).isEqualTo("DOWN");
        assertThat(meters.get("switchboard.novu.payment.required").gauge().value())
                .isEqualTo(1.0);

        client.trigger(TRIGGER, "k3");
        assertThat(alerts.paymentRequired()).isFalse();
    }

    @Test
    void tooManyRequestsCarriesTheWaitNovuAskedFor() {
        novu.script(1, Reply.tooManyRequests(7));

        NovuResult result = client.trigger(TRIGGER, "k");

        assertThat(result.rateLimited()).isTrue();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void timeoutsAndBrokenConnectionsAreRetried() {
        novu.script(1, Reply.slow(2_000)).script(1, Reply.drop());
        NovuClient impatient = client(FakeNovu.API_KEY, Duration.ofMillis(200));

        NovuResult slow = impatient.trigger(TRIGGER, "k1");
        NovuResult dropped = impatient.trigger(TRIGGER, "k2");

        assertThat(slow.outcome()).isEqualTo(NovuResult.Outcome.RETRY);
        assertThat(slow.reason()).startsWith("timeout");
        assertThat(slow.novuFailure()).isTrue();
        assertThat(dropped.outcome()).isEqualTo(NovuResult.Outcome.RETRY);
        assertThat(dropped.httpStatus()).isNull();
    }

    @Test
    void aServerThatIsNotThereIsRetried() {
        String url = novu.baseUrl();
        novu.close();
        var properties = new NovuProperties(url, FakeNovu.API_KEY, Duration.ofSeconds(1), Duration.ofSeconds(1));
        var gone = client(properties);

        NovuResult result = gone.trigger(TRIGGER, "k");

        assertThat(result.outcome()).isEqualTo(NovuResult.Outcome.RETRY);
        assertThat(result.reason()).startsWith("connection");
    }

    @Test
    void everyOtherCallOfTheRuleFormatIsDeliveredOn2xxAndMatchesTheContract() {
        assertThat(client.upsertSubscriber("{\"subscriberId\":\"u1\",\"email\":\"a@example.com\"}", "k1")
                        .delivered())
                .isTrue();
        assertThat(client.deleteSubscriber("user 1/x", null).delivered()).isTrue();
        assertThat(client.addToTopic("vip", "{\"subscriptions\":[\"u1\",\"u2\"]}", "k2")
                        .delivered())
                .isTrue();
        assertThat(client.removeFromTopic("vip", "{\"subscriptions\":[\"u1\"]}", null)
                        .delivered())
                .isTrue();
        assertThat(client.cancel("sb-t1", null).delivered()).isTrue();

        assertThat(novu.received())
                .extracting(FakeNovu.Received::path)
                .containsExactly(
                        "/v2/subscribers",
                        "/v2/subscribers/user%201%2Fx",
                        "/v2/topics/vip/subscriptions",
                        "/v2/topics/vip/subscriptions",
                        "/v1/events/trigger/sb-t1");
        assertThat(novu.cancelledTransactions()).containsExactly("sb-t1");
        assertThat(novu.violations()).isEmpty();
    }

    @Test
    void topicSubscriptionErrorsAreRecordedOnADeliveredCall() {
        novu.topicErrors(id -> id.equals("ghost"));

        NovuResult result = client.addToTopic("vip", "{\"subscriptions\":[\"u1\",\"ghost\"]}", "k");

        assertThat(result.delivered()).isTrue();
        assertThat(result.partialErrors()).contains("ghost").contains("SUBSCRIBER_NOT_FOUND");
    }

    @Test
    void bucketsFollowNovusCategories() {
        assertThat(NovuBucket.of("/v1/events/trigger")).isEqualTo(NovuBucket.TRIGGER);
        assertThat(NovuBucket.of("/v1/events/trigger/sb-1")).isEqualTo(NovuBucket.TRIGGER);
        assertThat(NovuBucket.of("/v2/subscribers/u1")).isEqualTo(NovuBucket.CONFIGURATION);
        assertThat(NovuBucket.of("/v2/topics/vip/subscriptions")).isEqualTo(NovuBucket.CONFIGURATION);
        assertThat(NovuBucket.of("/v1/notifications")).isEqualTo(NovuBucket.GLOBAL);
    }

    @Test
    void listsTheEnvironmentsWorkflowsFromTheDataEnvelope() {
        novu.workflow("welcome", "Welcome").workflow("abandoned-cart", "Abandoned cart");

        NovuWorkflows listed = client.workflows(100);

        assertThat(listed.result().delivered()).isTrue();
        assertThat(listed.workflows())
                .containsExactly(
                        new NovuWorkflow("welcome", "Welcome"), new NovuWorkflow("abandoned-cart", "Abandoned cart"));
        var request = novu.received().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v2/workflows");
        assertThat(request.authorization()).isEqualTo("ApiKey " + FakeNovu.API_KEY);
    }

    @Test
    void aFailedWorkflowListSaysWhyAndLeavesThePaymentAlertAlone() {
        novu.script(1, Reply.status(503));

        NovuWorkflows failed = client.workflows(1);
        NovuWorkflows unauthorized = client("wrong", Duration.ofSeconds(5)).workflows(1);

        assertThat(failed.result().delivered()).isFalse();
        assertThat(failed.result().reason()).startsWith("HTTP 503");
        assertThat(failed.workflows()).isEmpty();
        assertThat(unauthorized.result().httpStatus()).isEqualTo(401);
        assertThat(alerts.paymentRequired()).isFalse();
    }
}
