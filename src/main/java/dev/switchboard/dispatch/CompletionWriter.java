package dev.switchboard.dispatch;

import dev.switchboard.config.GroupCommit;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records what the workers concluded with group commit: results that come in while the previous ones are being
 * written share one transaction. Each delivery took its own commit before, and with commits that reach the file
 * (H2's default here) or the WAL, those commits were most of what a delivery cost the database. A worker still
 * waits until its result is committed before it takes the next delivery, so a crash loses nothing more than
 * before: at most a call whose result was not recorded, sent again after the lease with the same
 * Idempotency-Key and transactionId.
 */
@Component
class CompletionWriter implements SmartLifecycle {

    /** At most this many results per transaction: keeps a transaction short and a worker's wait bounded. */
    private static final int MAX_GROUP = 100;

    /**
     * How long a result waits for others to share its commit. Results come one at a time (a worker finishes a
     * call every few milliseconds), so without a wait most commits carried one or two: a 600/s trigger backlog
     * on H2 spent 40% of its CPU committing results. A few milliseconds more per delivery is nothing next to
     * Novu's own answer time, and a worker only waits for its own result.
     */
    private static final Duration GATHER = Duration.ofMillis(5);

    private final GroupCommit<DeliveryStore.Result, Object> commits;

    CompletionWriter(DeliveryStore store) {
        this.commits =
                new GroupCommit<>("dispatch-completions", store::recordAll, store::record, c -> 1, MAX_GROUP, GATHER);
    }

    /**
     * Records the result if the worker still holds the delivery; returns once committed.
     *
     * @return whether it did (false: the lease ran out and another instance took the row)
     */
    boolean complete(DeliveryStore.Completing completion) {
        return Boolean.TRUE.equals(commits.store(completion));
    }

    /**
     * Carries out a cancel by rule with the completion of its LOCAL row, if the worker still holds it; returns
     * once committed. Each had a commit of its own, a sixth of dispatch's CPU with the example rules' mix.
     *
     * @return the counts (cancelled scheduled deliveries, Novu cancels queued), or empty if the claim was lost
     */
    @SuppressWarnings("unchecked")
    Optional<int[]> cancelByRule(DeliveryStore.CancellingByRule cancel) {
        return (Optional<int[]>) commits.store(cancel);
    }

    @Override
    public void start() {
        commits.start();
    }

    @Override
    public void stop() {
        commits.stop();
    }

    @Override
    public boolean isRunning() {
        return commits.isRunning();
    }

    /** Starts before and stops after the dispatcher, so the workers' last results are recorded. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
