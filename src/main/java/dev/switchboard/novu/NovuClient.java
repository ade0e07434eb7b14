package dev.switchboard.novu;

import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way to Novu: every call the rule format's actions make, over Spring's {@link RestClient} on the JDK
 * HTTP client, authenticated with {@code Authorization: ApiKey ...}, each answer classified into a
 * {@link NovuResult}. Never throws for what Novu answers or for a network failure: the caller decides what to
 * do with a retryable result.
 */
@Component
public class NovuClient implements AutoCloseable {

    /** Enough of an answer to tell what happened, small enough for the attempt log. */
    static final int EXCERPT = 2000;

    /** The most read of an answer to a delivery, and of a workflow list (which carries each workflow's steps). */
    private static final int SMALL_ANSWER = 64 * 1024;

    private static final int LIST_ANSWER = 2 * 1024 * 1024;

    /**
     * Where Novu is and the key to use: {@code switchboard.novu.*}, overridden at runtime on {@code /settings}.
     *
     * @param apiKey null or blank: dry-run mode, nothing is sent
     */
    public record Connection(String baseUrl, @Nullable String apiKey) {

        public Connection {
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }

        /** The connection in effect: a runtime override from {@code /settings}, else the environment's. */
        public static Connection effective(NovuProperties properties, RuntimeSettings settings) {
            return new Connection(
                    settings.text(Setting.NOVU_BASE_URL).orElse(properties.baseUrl()),
                    settings.text(Setting.NOVU_API_KEY).orElse(properties.apiKey()));
        }

        public boolean dryRun() {
            return apiKey == null || apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "Connection[baseUrl=" + baseUrl + ", apiKey=" + (dryRun() ? "(none)" : "****") + "]";
        }
    }

    private final RestClient rest;
    private final Supplier<Connection> connection;
    private final OutcomeClassifier classifier;
    private final NovuAlerts alerts;
    private final JsonMapper json;
    private final ExecutorService bodyWriters;

    /** With the environment's connection only, for tests. */
    public NovuClient(NovuProperties properties, Clock clock, JsonMapper json, NovuAlerts alerts) {
        this(properties, () -> new Connection(properties.baseUrl(), properties.apiKey()), clock, json, alerts);
    }

    /** The base URL and API key in effect: a runtime override from {@code /settings}, else the environment's. */
    @Autowired
    public NovuClient(
            NovuProperties properties, RuntimeSettings settings, Clock clock, JsonMapper json, NovuAlerts alerts) {
        this(properties, () -> Connection.effective(properties, settings), clock, json, alerts);
    }

    private NovuClient(
            NovuProperties properties,
            Supplier<Connection> connection,
            Clock clock,
            JsonMapper json,
            NovuAlerts alerts) {
        this.connection = connection;
        this.alerts = alerts;
        this.json = json;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Spring hands each request body to the JDK client from a task of its own; without an executor of ours it
        // starts a new thread for every call to Novu (SimpleAsyncTaskExecutor), hundreds a second under load.
        CustomizableThreadFactory threads = new CustomizableThreadFactory("novu-body-");
        threads.setDaemon(true);
        this.bodyWriters = Executors.newCachedThreadPool(threads);
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http, bodyWriters);
        requests.setReadTimeout(properties.readTimeout());
        RestClient.Builder builder = RestClient.builder()
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .defaultHeader(HttpHeaders.USER_AGENT, "switchboard");
        this.rest = builder.build();
        this.classifier = new OutcomeClassifier(json, clock);
    }

    /** Stops the threads that write request bodies once the calls in flight are done with them. */
    @Override
    public void close() {
        bodyWriters.shutdown();
    }

    /** The connection in effect now; read per call, so a change on {@code /settings} applies to the next call. */
    public Connection connection() {
        return connection.get();
    }

    /** Without an API key nothing is sent: deliveries are recorded with their exact request as dry runs. */
    public boolean dryRun() {
        return connection().dryRun();
    }

    /** {@code POST /v1/events/trigger}. */
    public NovuResult trigger(String body, String idempotencyKey) {
        return send(new NovuRequest("POST", "/v1/events/trigger", body, idempotencyKey));
    }

    /** {@code POST /v2/subscribers}: create or update a subscriber. */
    public NovuResult upsertSubscriber(String body, String idempotencyKey) {
        return send(new NovuRequest("POST", "/v2/subscribers", body, idempotencyKey));
    }

    /** {@code DELETE /v2/subscribers/{subscriberId}}. */
    public NovuResult deleteSubscriber(String subscriberId, @Nullable String idempotencyKey) {
        return send(new NovuRequest("DELETE", "/v2/subscribers/" + segment(subscriberId), null, idempotencyKey));
    }

    /** {@code POST /v2/topics/{topicKey}/subscriptions}. */
    public NovuResult addToTopic(String topicKey, String body, String idempotencyKey) {
        return send(
                new NovuRequest("POST", "/v2/topics/" + segment(topicKey) + "/subscriptions", body, idempotencyKey));
    }

    /** {@code DELETE /v2/topics/{topicKey}/subscriptions}. */
    public NovuResult removeFromTopic(String topicKey, String body, @Nullable String idempotencyKey) {
        return send(
                new NovuRequest("DELETE", "/v2/topics/" + segment(topicKey) + "/subscriptions", body, idempotencyKey));
    }

    /** {@code DELETE /v1/events/trigger/{transactionId}}: cancel what a trigger has not sent yet. */
    public NovuResult cancel(String transactionId, @Nullable String idempotencyKey) {
        return send(new NovuRequest("DELETE", "/v1/events/trigger/" + segment(transactionId), null, idempotencyKey));
    }

    /** Sends the request exactly as stored (path as is, body byte for byte) and classifies the answer. */
    public NovuResult send(NovuRequest request) {
        NovuResult result = exchange(connection(), request, SMALL_ANSWER).result();
        alerts.observe(result);
        return result;
    }

    /**
     * {@code GET /v2/workflows?limit=...}: the environment's workflows, for suggestions and as a cheap check that
     * Novu answers with this key. Not observed by {@link NovuAlerts}: a listing that works says nothing about
     * whether the plan still allows triggers.
     */
    public NovuWorkflows workflows(int limit) {
        return workflows(connection(), limit);
    }

    /**
     * The same listing with another connection, e.g. the base URL and key an admin typed but did not save yet:
     * the "test connection" button.
     */
    public NovuWorkflows workflows(Connection with, int limit) {
        Answer answer = exchange(with, new NovuRequest("GET", "/v2/workflows?limit=" + limit, null, null), LIST_ANSWER);
        if (!answer.result().delivered()) {
            return new NovuWorkflows(answer.result(), List.of());
        }
        List<NovuWorkflow> workflows = new ArrayList<>();
        try {
            JsonNode root = json.readTree(answer.body());
            JsonNode data = root.has("data") ? root.get("data") : root;
            for (JsonNode workflow : data.path("workflows")) {
                String id = workflow.path("workflowId").asString("");
                if (!id.isBlank()) {
                    workflows.add(new NovuWorkflow(id, workflow.path("name").asString(id)));
                }
            }
        } catch (JacksonException e) {
            return new NovuWorkflows(
                    classifier.failure(
                            "unreadable workflow list: " + e.getOriginalMessage(),
                            answer.result().latency()),
                    List.of());
        }
        return new NovuWorkflows(answer.result(), List.copyOf(workflows));
    }

    private record Answer(NovuResult result, String body) {}

    private Answer exchange(Connection with, NovuRequest request, int maxAnswer) {
        long started = System.nanoTime();
        try {
            // URI.create, not a URI template: the stored path is already encoded and may contain braces.
            RestClient.RequestBodySpec spec =
                    rest.method(HttpMethod.valueOf(request.method())).uri(URI.create(with.baseUrl() + request.path()));
            if (!with.dryRun()) {
                spec.header(HttpHeaders.AUTHORIZATION, "ApiKey " + with.apiKey());
            }
            if (request.idempotencyKey() != null) {
                spec.header("Idempotency-Key", request.idempotencyKey());
            }
            if (request.body() != null) {
                spec.contentType(MediaType.APPLICATION_JSON).body(request.body().getBytes(StandardCharsets.UTF_8));
            }
            return spec.exchange(
                    (clientRequest, response) -> {
                        String body = read(response.getBody(), maxAnswer);
                        return new Answer(
                                classifier.answer(
                                        request,
                                        response.getStatusCode().value(),
                                        response.getHeaders(),
                                        body,
                                        since(started)),
                                body);
                    },
                    true);
        } catch (ResourceAccessException e) {
            return new Answer(classifier.failure(describe(e), since(started)), "");
        } catch (RuntimeException e) {
            // Anything else on the way (a malformed stored path, an I/O error wrapped differently) is still an
            // answer for the delivery, never an exception that would leave the row claimed.
            return new Answer(
                    classifier.failure(
                            "error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), since(started)),
                    "");
        }
    }

    private static String describe(ResourceAccessException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof HttpTimeoutException) {
            return "timeout: " + cause.getMessage();
        }
        return "connection: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String read(InputStream body, int max) throws IOException {
        // Novu's answers are small; read a bounded amount so a misbehaving proxy cannot exhaust memory.
        byte[] bytes = body.readNBytes(max);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
