package dev.switchboard.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server that answers like Novu: {@code Authorization: ApiKey} checked (401 ErrorDto), 2xx in the
 * {@code {"data": ...}} envelope, ErrorDto bodies on errors, triggers answered 201 {@code processed} (or another
 * status, or 422 {@code workflow_not_found}, per workflow), Idempotency-Key repeats answered from a cache like
 * Novu's, {@code GET /v2/workflows} answered with the configured workflows. Every request body is checked against Novu's OpenAPI contract ({@link NovuContract}); violations are
 * collected for tests to assert there are none. Answers can be scripted per request: {@code script(2,
 * Reply.status(503))} makes the next two answers 503, then the normal behaviour resumes.
 */
public final class FakeNovu implements AutoCloseable {

    public static final String API_KEY = "fake-novu-secret-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK (about 40 ms on Linux), so every call took ~40 ms whatever the
        // configured latency and the load runs measured that stall instead of Switchboard. Novu answers with
        // TCP_NODELAY like any production HTTP server. Read once, when the JDK server's configuration loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request as received. */
    public record Received(
            String method,
            String path,
            @Nullable String body,
            @Nullable String authorization,
            @Nullable String idempotencyKey,
            long receivedNanos,
            Instant receivedAt,
            int status) {}

    /** A scripted answer. */
    public static final class Reply {
        final int status;
        final @Nullable String body;
        final Map<String, String> headers = new LinkedHashMap<>();
        long delayMillis;
        boolean drop;
        boolean handleThenDrop;

        private Reply(int status, @Nullable String body) {
            this.status = status;
            this.body = body;
        }

        /** An ErrorDto answer with that status. */
        public static Reply status(int status) {
            return new Reply(status, null);
        }

        /** The normal answer, delayed. */
        public static Reply slow(long millis) {
            Reply reply = new Reply(0, null);
            reply.delayMillis = millis;
            return reply;
        }

        /** The connection is closed without an answer; nothing reaches Novu's logic. */
        public static Reply drop() {
            Reply reply = new Reply(0, null);
            reply.drop = true;
            return reply;
        }

        /** Novu does the work (a trigger is accepted), then the connection breaks before the answer. */
        public static Reply acceptThenDrop() {
            Reply reply = new Reply(0, null);
            reply.handleThenDrop = true;
            return reply;
        }

        /** 429 as Novu sends it, asking to wait {@code seconds}. */
        public static Reply tooManyRequests(int seconds) {
            return status(429)
                    .header("Retry-After", String.valueOf(seconds))
                    .header("RateLimit-Limit", "60")
                    .header("RateLimit-Remaining", "0")
                    .header("RateLimit-Reset", String.valueOf(seconds))
                    .header("RateLimit-Policy", "60;w=1");
        }

        public Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Reply after(long millis) {
            this.delayMillis = millis;
            return this;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private final Map<String, String[]> idempotent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> acceptedTriggers = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, String> workflowStatus = new ConcurrentHashMap<>();
    private final Set<String> missingWorkflows = ConcurrentHashMap.newKeySet();
    private final Map<String, String> workflows = Collections.synchronizedMap(new LinkedHashMap<>());
    private final CountDownLatch hold = new CountDownLatch(1);
    private volatile @Nullable Predicate<String> topicErrors;
    private volatile long latencyMillis;

    private FakeNovu() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        warmUpContract();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Compiles the request schemas once up front, so the first request is not slowed past a read timeout. */
    private static void warmUpContract() {
        NovuContract contract = NovuContract.get();
        contract.violations("POST", "/v1/events/trigger", "{\"name\":\"w\",\"to\":\"s\"}");
        contract.violations("POST", "/v2/subscribers", "{\"subscriberId\":\"s\"}");
        contract.violations("POST", "/v2/topics/t/subscriptions", "{\"subscriptions\":[\"s\"]}");
        contract.violations("DELETE", "/v2/topics/t/subscriptions", "{\"subscriptions\":[\"s\"]}");
    }

    public static FakeNovu start() {
        return new FakeNovu();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} requests get {@code reply}, after anything already scripted. */
    public FakeNovu script(int times, Reply reply) {
        for (int i = 0; i < times; i++) {
            script.addLast(reply);
        }
        return this;
    }

    /** Triggers of that workflow answer 201 with this status instead of processed. */
    public FakeNovu workflowStatus(String workflow, String status) {
        workflowStatus.put(workflow, status);
        return this;
    }

    /** Triggers of that workflow answer 422 workflow_not_found. */
    public FakeNovu missingWorkflow(String workflow) {
        missingWorkflows.add(workflow);
        return this;
    }

    /** {@code GET /v2/workflows} lists this workflow (by workflowId, with its display name). */
    public FakeNovu workflow(String workflowId, String name) {
        workflows.put(workflowId, name);
        return this;
    }

    /** Every answer that is not scripted takes this long, like a real network and server. */
    public FakeNovu latency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    /** Topic subscription answers report subscribers matching this as not found. */
    public FakeNovu topicErrors(Predicate<String> unknownSubscriber) {
        this.topicErrors = unknownSubscriber;
        return this;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> received(String method, String pathPrefix) {
        return received().stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** How many times Novu accepted (ran) a trigger with that transactionId; repeats answered from cache don't count. */
    public int accepted(String transactionId) {
        AtomicInteger count = acceptedTriggers.get(transactionId);
        return count == null ? 0 : count.get();
    }

    public Map<String, Integer> acceptedTriggers() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        acceptedTriggers.forEach((key, value) -> copy.put(key, value.get()));
        return copy;
    }

    public Set<String> cancelledTransactions() {
        return Set.copyOf(cancelled);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        Instant at = Instant.now();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int[] status = {0};
        boolean[] recorded = {false};
        // Recorded before the answer goes out: a test that has its answer must also find its request here.
        Runnable record = () -> {
            if (!recorded[0]) {
                recorded[0] = true;
                received.add(new Received(method, path, body, authorization, key, nanos, at, status[0]));
            }
        };
        try {
            for (String violation : NovuContract.get().violations(method, path, body)) {
                violations.add(method + " " + path + ": " + violation);
            }
            if (!("ApiKey " + API_KEY).equals(authorization)) {
                respond(exchange, status, record, 401, error(401, path, "API Key not found", "Unauthorized"), Map.of());
                return;
            }
            Reply reply = script.pollFirst();
            long delay = reply != null && reply.delayMillis > 0 ? reply.delayMillis : latencyMillis;
            if (delay > 0) {
                hold.await(delay, TimeUnit.MILLISECONDS);
            }
            if (reply != null && reply.drop) {
                record.run();
                exchange.close();
                return;
            }
            if (reply != null && reply.status > 0) {
                respond(
                        exchange,
                        status,
                        record,
                        reply.status,
                        error(reply.status, path, message(reply.status), null),
                        reply.headers);
                return;
            }
            String[] answer = key != null && "POST".equals(method) ? idempotent.get(key) : null;
            if (answer == null) {
                answer = answer(method, path, body);
                if (key != null && "POST".equals(method)) {
                    idempotent.putIfAbsent(key, answer);
                }
            }
            if (reply != null && reply.handleThenDrop) {
                record.run();
                exchange.close();
                return;
            }
            respond(exchange, status, record, Integer.parseInt(answer[0]), answer[1], Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            respond(
                    exchange,
                    status,
                    record,
                    500,
                    error(500, path, String.valueOf(e), "Internal Server Error"),
                    Map.of());
        } finally {
            record.run();
        }
    }

    /** Novu's behaviour for a request that got through: status and body. */
    private String[] answer(String method, String path, @Nullable String body) {
        JsonNode request = body == null ? JSON.createObjectNode() : JSON.readTree(body);
        if ("POST".equals(method) && path.equals("/v1/events/trigger")) {
            String workflow = request.path("name").asString("");
            if (missingWorkflows.contains(workflow)) {
                ObjectNode error = errorNode(422, path, "workflow_not_found", "Unprocessable Entity");
                error.putObject("data").put("workflowId", workflow);
                return new String[] {"422", error.toString()};
            }
            String transactionId =
                    request.path("transactionId").asString(UUID.randomUUID().toString());
            String status = workflowStatus.getOrDefault(workflow, "processed");
            if (status.equals("processed")) {
                acceptedTriggers
                        .computeIfAbsent(transactionId, k -> new AtomicInteger())
                        .incrementAndGet();
            }
            ObjectNode data = JSON.createObjectNode();
            data.put("acknowledged", true).put("status", status).put("transactionId", transactionId);
            if (!status.equals("processed")) {
                data.putArray("error").add("workflow " + workflow + ": " + status);
            }
            return ok(201, data);
        }
        if ("GET".equals(method) && path.equals("/v2/workflows")) {
            ObjectNode data = JSON.createObjectNode();
            var list = data.putArray("workflows");
            synchronized (workflows) {
                workflows.forEach((id, name) -> {
                    ObjectNode workflow = list.addObject();
                    workflow.put("_id", UUID.randomUUID().toString())
                            .put("workflowId", id)
                            .put("slug", id)
                            .put("name", name)
                            .put("status", "ACTIVE")
                            .put("origin", "novu-cloud");
                    workflow.putArray("tags");
                });
            }
            data.put("totalCount", list.size());
            return ok(200, data);
        }
        if ("DELETE".equals(method) && path.startsWith("/v1/events/trigger/")) {
            cancelled.add(path.substring("/v1/events/trigger/".length()));
            return new String[] {"200", "{\"data\":true}"};
        }
        if ("POST".equals(method) && path.equals("/v2/subscribers")) {
            ObjectNode data = JSON.createObjectNode();
            data.put("_id", UUID.randomUUID().toString())
                    .put("subscriberId", request.path("subscriberId").asString());
            return ok(201, data);
        }
        if ("DELETE".equals(method) && path.startsWith("/v2/subscribers/")) {
            ObjectNode data = JSON.createObjectNode();
            data.put("acknowledged", true).put("status", "deleted");
            return ok(200, data);
        }
        if (path.startsWith("/v2/topics/") && path.endsWith("/subscriptions")) {
            ObjectNode data = JSON.createObjectNode();
            var items = data.putArray("data");
            var errors = data.putArray("errors");
            int failed = 0;
            for (JsonNode subscription : request.path("subscriptions")) {
                String id = subscription.isString()
                        ? subscription.asString()
                        : subscription.path("subscriberId").asString();
                Predicate<String> unknown = topicErrors;
                if (unknown != null && unknown.test(id)) {
                    failed++;
                    errors.addObject()
                            .put("subscriberId", id)
                            .put("code", "SUBSCRIBER_NOT_FOUND")
                            .put("message", "Subscriber with ID '" + id + "' could not be found");
                } else {
                    items.addObject().put("_id", UUID.randomUUID().toString()).put("subscriberId", id);
                }
            }
            data.putObject("meta")
                    .put("totalCount", items.size() + failed)
                    .put("successful", items.size())
                    .put("failed", failed);
            return ok("POST".equals(method) ? 201 : 200, data);
        }
        return new String[] {"404", error(404, path, "Cannot " + method + " " + path, "Not Found")};
    }

    private static String[] ok(int status, JsonNode data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("data", data);
        return new String[] {String.valueOf(status), envelope.toString()};
    }

    private static String error(int status, String path, String message, @Nullable String error) {
        return errorNode(status, path, message, error).toString();
    }

    private static ObjectNode errorNode(int status, String path, String message, @Nullable String error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("statusCode", status)
                .put("timestamp", Instant.now().toString())
                .put("path", path)
                .put("message", message);
        if (error != null) {
            node.put("error", error);
        }
        return node;
    }

    private static String message(int status) {
        switch (status) {
            case 402:
                return "Payment Required: the plan's event limit is reached";
            case 409:
                return "Request with key is currently being processed";
            case 429:
                return "API rate limit exceeded";
            default:
                return status >= 500 ? "Internal server error" : "Request failed with status " + status;
        }
    }

    private static void respond(
            HttpExchange exchange,
            int[] answered,
            Runnable record,
            int status,
            String body,
            Map<String, String> headers)
            throws IOException {
        answered[0] = status;
        record.run();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
