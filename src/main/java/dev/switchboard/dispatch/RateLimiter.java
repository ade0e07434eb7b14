package dev.switchboard.dispatch;

import dev.switchboard.novu.NovuBucket;
import dev.switchboard.settings.RateLimits;
import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.SettingsRefreshed;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One {@link TokenBucket} per Novu rate-limit category, sized by the plan or rates chosen on {@code /settings},
 * else by {@code switchboard.dispatch.rate-limit.*}. A change takes effect without a restart: the buckets are
 * replaced by new ones at the new rates (a pause after a 429 carries over).
 */
@Component
class RateLimiter {

    private final Clock clock;
    private final DispatchProperties.RateLimit environment;
    private final RuntimeSettings settings;
    private volatile @Nullable Limits limits;

    private record Limits(RateLimits rates, Map<NovuBucket, TokenBucket> buckets) {}

    RateLimiter(DispatchProperties properties, RuntimeSettings settings, Clock clock) {
        this.clock = clock;
        this.environment = properties.rateLimit();
        this.settings = settings;
    }

    /** The rates in effect, requests per second per category. */
    RateLimits rates() {
        return settings.rateLimits()
                .orElseGet(() -> new RateLimits(
                        "environment", environment.trigger(), environment.configuration(), environment.global()));
    }

    @EventListener(SettingsRefreshed.class)
    synchronized void settingsChanged() {
        RateLimits rates = rates();
        Limits current = limits;
        if (current != null && !rates.equals(current.rates())) {
            limits = build(rates, current);
        }
    }

    /** Built on first use, not in the constructor, which may run before the settings table exists. */
    private Limits limits() {
        Limits current = limits;
        if (current == null) {
            synchronized (this) {
                current = limits;
                if (current == null) {
                    current = build(rates(), null);
                    limits = current;
                }
            }
        }
        return current;
    }

    Duration reserve(NovuBucket bucket) {
        return limits().buckets().get(bucket).reserve();
    }

    void cancel(NovuBucket bucket) {
        limits().buckets().get(bucket).cancel();
    }

    /** After a 429 the whole category waits, not just the delivery that hit it. */
    void backOff(NovuBucket bucket, Duration wait) {
        limits().buckets().get(bucket).pauseUntil(clock.instant().plus(wait));
    }

    private Limits build(RateLimits rates, @Nullable Limits previous) {
        Map<NovuBucket, TokenBucket> buckets = new EnumMap<>(NovuBucket.class);
        buckets.put(NovuBucket.TRIGGER, new TokenBucket(rates.trigger(), clock));
        buckets.put(NovuBucket.CONFIGURATION, new TokenBucket(rates.configuration(), clock));
        buckets.put(NovuBucket.GLOBAL, new TokenBucket(rates.global(), clock));
        if (previous != null) {
            previous.buckets().forEach((bucket, old) -> {
                if (old.pausedUntil().isAfter(clock.instant())) {
                    buckets.get(bucket).pauseUntil(old.pausedUntil());
                }
            });
        }
        return new Limits(rates, buckets);
    }
}
