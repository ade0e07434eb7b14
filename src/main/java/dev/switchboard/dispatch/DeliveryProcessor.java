package dev.switchboard.dispatch;

import dev.switchboard.message.Masking;
import dev.switchboard.novu.NovuBucket;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuRequest;
import dev.switchboard.novu.NovuResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one claimed delivery to its next state: sent and delivered, failed for good, scheduled for another try,
 * dead, or (without an API key) recorded as a dry run. Cancel-by-rule rows ({@code LOCAL}) are done here
 * without calling Novu directly.
 */
@Component
class DeliveryProcessor {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);

    /** Waiting for the rate limit longer than this gives the row back instead of holding its claim. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(5);

    /** How a worker waits for its turn; false when the instance is stopping and the row should go back. */
    interface Waiter {
        boolean await(Duration wait);
    }

    private final DeliveryStore store;
    private final CompletionWriter completions;
    private final NovuClient novu;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    private final RetryPolicy retries;
    private final Clock clock;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Duration maxHold;

    DeliveryProcessor(
            DeliveryStore store,
            CompletionWriter completions,
            NovuClient novu,
            DispatchProperties properties,
            RateLimiter limiter,
            CircuitBreaker breaker,
            Clock clock,
            JsonMapper json,
            MeterRegistry meters) {
        this.store = store;
        this.completions = completions;
        this.novu = novu;
        this.limiter = limiter;
        this.breaker = breaker;
        this.retries =
                new RetryPolicy(properties, () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        this.json = json;
        this.meters = meters;
        Duration halfLease = properties.lease().dividedBy(2);
        this.maxHold = halfLease.compareTo(MAX_HOLD) < 0 ? halfLease : MAX_HOLD;
    }

    void process(Delivery delivery, String owner, Waiter waiter) {
        // Every log line about this delivery names its message and rule (fields of structured logs).
        MDC.put("messageId", delivery.messageId());
        MDC.put("rule", delivery.ruleKey());
        MDC.put("deliveryId", delivery.id().toString());
        try {
            processInContext(delivery, owner, waiter);
        } finally {
            MDC.remove("messageId");
            MDC.remove("rule");
            MDC.remove("deliveryId");
        }
    }

    private void processInContext(Delivery delivery, String owner, Waiter waiter) {
        if (Delivery.LOCAL.equals(delivery.method())) {
            cancelByRule(delivery, owner);
            return;
        }
        Instant now = clock.instant();
        if (isNovuCancel(delivery)) {
            // What has not left yet is cancelled here; Novu can only cancel what it already has.
            store.cancelPendingByTransaction(
                    delivery.transactionId(), delivery.id(), now, "cancelled by delivery " + delivery.id());
        }
        if (novu.dryRun()) {
            String request =
                    delivery.method() + " " + delivery.path() + (delivery.body() == null ? "" : " " + delivery.body());
            complete(
                    delivery,
                    owner,
                    now,
                    new DeliveryStore.Completion(
                            Delivery.DRY_RUN,
                            null,
                            null,
                            null,
                            null,
                            new DeliveryStore.Attempt(now, null, 0, "dry_run", request, "not sent: no Novu API key")));
            return;
        }
        NovuRequest request =
                new NovuRequest(delivery.method(), delivery.path(), delivery.body(), delivery.idempotencyKey());
        NovuBucket bucket = request.bucket();
        Duration wait = limiter.reserve(bucket);
        if (!wait.isZero() && (wait.compareTo(maxHold) > 0 || !waiter.await(wait))) {
            limiter.cancel(bucket);
            store.release(delivery.id(), owner, now.plus(wait));
            return;
        }
        NovuResult result = novu.send(request);
        Instant at = clock.instant();
        Timer.builder("switchboard.novu.requests")
                .tag("bucket", bucket.name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .register(meters)
                .record(result.latency());
        if (result.rateLimited()) {
            limiter.backOff(bucket, result.retryAfter() != null ? result.retryAfter() : Duration.ofSeconds(1));
        }
        if (result.novuFailure()) {
            breaker.failure();
        } else if (result.delivered()) {
            breaker.success();
        } else {
            breaker.neutral();
        }
        complete(delivery, owner, at, completion(delivery, result, at));
    }

    private DeliveryStore.Completion completion(Delivery delivery, NovuResult result, Instant at) {
        int latency = (int) Math.min(Integer.MAX_VALUE, result.latency().toMillis());
        String outcome = result.outcome().name().toLowerCase(java.util.Locale.ROOT);
        switch (result.outcome()) {
            case DELIVERED:
                return new DeliveryStore.Completion(
                        Delivery.DELIVERED,
                        null,
                        result.httpStatus(),
                        result.partialErrors() == null ? null : "partial errors: " + result.partialErrors(),
                        result.novuTransactionId(),
                        new DeliveryStore.Attempt(
                                at,
                                result.httpStatus(),
                                latency,
                                outcome,
                                result.responseExcerpt(),
                                result.partialErrors()));
            case PERMANENT:
                return new DeliveryStore.Completion(
                        Delivery.FAILED,
                        null,
                        result.httpStatus(),
                        result.reason(),
                        result.novuTransactionId(),
                        new DeliveryStore.Attempt(
                                at, result.httpStatus(), latency, outcome, result.responseExcerpt(), result.reason()));
            default:
                Optional<Instant> next =
                        retries.next(delivery.attemptsInBudget() + 1, delivery.budgetStart(), at, result.retryAfter());
                String error = next.isPresent()
                        ? result.reason()
                        : "gave up after " + (delivery.attemptsInBudget() + 1) + " attempts: " + result.reason();
                return new DeliveryStore.Completion(
                        next.isPresent() ? Delivery.PENDING : Delivery.DEAD,
                        next.orElse(null),
                        result.httpStatus(),
                        error,
                        null,
                        new DeliveryStore.Attempt(
                                at, result.httpStatus(), latency, outcome, result.responseExcerpt(), result.reason()));
        }
    }

    /** Hands the result to the completion writer; the worker does not wait for the commit. */
    private void complete(Delivery delivery, String owner, Instant now, DeliveryStore.Completion unmasked) {
        DeliveryStore.Completion completion = masked(delivery, unmasked);
        completions
                .complete(new DeliveryStore.Completing(delivery, owner, now, completion))
                .whenComplete((held, error) -> {
                    if (error != null) {
                        log.error(
                                "The result of delivery {} could not be recorded; it is sent again after the lease",
                                delivery.id(),
                                error);
                    } else if (held) {
                        meters.counter("switchboard.dispatch.deliveries", "status", completion.status())
                                .increment();
                    } else {
                        log.warn(
                                "Delivery {} was taken over by another instance before its result was recorded",
                                delivery.id());
                    }
                });
    }

    /**
     * Removes the values masked at intake from what is about to be stored about the attempt: Novu may echo them
     * (a subscriber upsert answers with the email), and a dry run records the request itself.
     */
    private DeliveryStore.Completion masked(Delivery delivery, DeliveryStore.Completion completion) {
        Set<String> values = maskedValues(delivery);
        if (values.isEmpty()) {
            return completion;
        }
        DeliveryStore.Attempt attempt = completion.attempt();
        return new DeliveryStore.Completion(
                completion.status(),
                completion.dueAt(),
                completion.httpStatus(),
                Masking.scrub(completion.error(), values),
                completion.novuTransactionId(),
                attempt == null
                        ? null
                        : new DeliveryStore.Attempt(
                                attempt.at(),
                                attempt.httpStatus(),
                                attempt.latencyMs(),
                                attempt.outcome(),
                                Masking.scrub(attempt.responseExcerpt(), values),
                                Masking.scrub(attempt.error(), values)));
    }

    private Set<String> maskedValues(Delivery delivery) {
        if (delivery.maskPointers() == null || delivery.body() == null) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        try {
            JsonNode body = json.readTree(delivery.body());
            for (String pointer : delivery.maskPointers().split("\n")) {
                JsonNode value = body.at(pointer);
                if (value.isValueNode() && !value.isNull()) {
                    values.add(value.asString());
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn(
                    "Delivery {}: unreadable body or mask pointers, the attempt is stored without an excerpt",
                    delivery.id());
            values.add(delivery.body());
        }
        return values;
    }

    /**
     * {@code {"rule": "<ruleKey>", "within": "PT2H", "userId": "u1"}}: the window ends at this row's message and
     * starts {@code within} before it. Without a userId it cancels nothing: "everyone's" is never what is meant.
     */
    private void cancelByRule(Delivery local, String owner) {
        Instant now = clock.instant();
        String rule;
        Duration within;
        String userId;
        try {
            JsonNode body = json.readTree(local.body() == null ? "{}" : local.body());
            rule = text(body.get("rule"));
            userId = text(body.get("userId"));
            String window = text(body.get("within"));
            within = window == null ? null : Duration.parse(window);
        } catch (JacksonException | DateTimeParseException e) {
            invalid(local, owner, now, "cancel by rule: unreadable body: " + e.getMessage());
            return;
        }
        if (rule == null || within == null || within.isNegative()) {
            invalid(local, owner, now, "cancel by rule needs \"rule\" and a positive \"within\"");
            return;
        }
        if (userId == null || userId.isBlank()) {
            invalid(local, owner, now, "cancel by rule without a userId cancels nothing");
            return;
        }
        completions
                .cancelByRule(new DeliveryStore.CancellingByRule(
                        local, owner, rule, userId, local.createdAt().minus(within), now, DeliveryProcessor::cancelKey))
                .whenComplete((counts, error) -> {
                    if (error != null) {
                        log.error(
                                "Cancel by rule {} could not be recorded; it runs again after the lease",
                                local.id(),
                                error);
                    } else if (counts.isEmpty()) {
                        log.warn("Cancel by rule {} was taken over by another instance", local.id());
                    }
                });
    }

    private void invalid(Delivery delivery, String owner, Instant now, String reason) {
        complete(
                delivery,
                owner,
                now,
                new DeliveryStore.Completion(
                        Delivery.INVALID,
                        null,
                        null,
                        reason,
                        null,
                        new DeliveryStore.Attempt(now, null, 0, "invalid", null, reason)));
    }

    /** Repeat-safe: the same LOCAL row cancelling the same transaction always sends the same key. */
    static String cancelKey(Delivery local, String transactionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((local.id() + "\n" + transactionId).getBytes(StandardCharsets.UTF_8));
            return "sb-cancel-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean isNovuCancel(Delivery delivery) {
        return "DELETE".equals(delivery.method()) && delivery.path().startsWith("/v1/events/trigger/");
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asString();
    }
}
