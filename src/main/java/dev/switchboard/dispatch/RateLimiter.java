package dev.switchboard.dispatch;

import dev.switchboard.novu.NovuBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** One {@link TokenBucket} per Novu rate-limit category, sized by {@code switchboard.dispatch.rate-limit.*}. */
@Component
class RateLimiter {

    private final Clock clock;
    private final Map<NovuBucket, TokenBucket> buckets = new EnumMap<>(NovuBucket.class);

    RateLimiter(DispatchProperties properties, Clock clock) {
        this.clock = clock;
        DispatchProperties.RateLimit limits = properties.rateLimit();
        buckets.put(NovuBucket.TRIGGER, new TokenBucket(limits.trigger(), clock));
        buckets.put(NovuBucket.CONFIGURATION, new TokenBucket(limits.configuration(), clock));
        buckets.put(NovuBucket.GLOBAL, new TokenBucket(limits.global(), clock));
    }

    Duration reserve(NovuBucket bucket) {
        return buckets.get(bucket).reserve();
    }

    void cancel(NovuBucket bucket) {
        buckets.get(bucket).cancel();
    }

    /** After a 429 the whole category waits, not just the delivery that hit it. */
    void backOff(NovuBucket bucket, Duration wait) {
        buckets.get(bucket).pauseUntil(clock.instant().plus(wait));
    }
}
