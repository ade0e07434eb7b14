package dev.switchboard.ingest;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets messageIds older than the de-duplication window, in small batches so intake is never blocked. */
@Component
class SeenMessagesPurge {

    private static final int MAX_BATCHES_PER_RUN = 100;

    private final SeenMessages seen;
    private final IngestProperties properties;
    private final Clock clock;

    SeenMessagesPurge(SeenMessages seen, IngestProperties properties, Clock clock) {
        this.seen = seen;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void purge() {
        var cutoff = clock.instant().minus(properties.dedupeWindow());
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN && seen.purgeBefore(cutoff) > 0; batch++) {
            // Each batch is its own short transaction.
        }
    }
}
