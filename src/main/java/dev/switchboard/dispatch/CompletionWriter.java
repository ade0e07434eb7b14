package dev.switchboard.dispatch;

import dev.switchboard.config.GroupCommit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records what the workers concluded with group commit: results that come in while the previous ones are being
 * written share one transaction. Each delivery took its own commit before, and with commits that reach the file
 * (H2's default here) or the WAL, those commits were most of what a delivery cost the database.
 *
 * <p>A worker hands its result over and goes on to its next delivery; the row stays {@code sending} under its
 * claim until the result is committed, so nobody else sends it and a later delivery for the same person still
 * waits for it. A crash loses at most the results not yet committed: those calls go out again after the lease,
 * with the same Idempotency-Key and transactionId, which Novu answers from its idempotency cache. A stop records
 * every result handed over before it.
 */
@Component
class CompletionWriter implements SmartLifecycle {

    /** At most this many results per transaction: keeps a transaction short. */
    private static final int MAX_GROUP = 100;

    /**
     * At most this many results handed over and not yet committed; a worker with one more waits. Bounds what a
     * database that falls behind can hold in memory and what a crash sends again.
     */
    private static final int MAX_WAITING = 2 * MAX_GROUP;

    /**
     * How long a result waits for others to share its commit. Results come one at a time (a worker finishes a
     * call every few milliseconds); with a short wait most commits carried a handful and a 600/s trigger backlog
     * on H2 spent most of its database time writing the same index pages again, commit after commit. Nobody
     * waits for this but the delivery's own row.
     */
    private static final Duration GATHER = Duration.ofMillis(20);

    private final GroupCommit<DeliveryStore.Result, Object> commits;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    CompletionWriter(DeliveryStore store) {
        this.commits = new GroupCommit<>(
                "dispatch-completions", store::recordAll, store::record, c -> 1, MAX_GROUP, GATHER, false, 1);
    }

    /**
     * Hands the result over to be recorded if the worker still holds the delivery; returns at once, unless
     * {@link #MAX_WAITING} results already wait.
     *
     * @return completes once committed (on the writer thread), with whether the claim was still the worker's
     *     (false: the lease ran out and another instance took the row)
     */
    CompletableFuture<Boolean> complete(DeliveryStore.Completing completion) {
        return handOver(completion).thenApply(Boolean.TRUE::equals);
    }

    private CompletableFuture<Object> handOver(DeliveryStore.Result result) {
        waiting.acquireUninterruptibly();
        CompletableFuture<Object> recorded;
        try {
            recorded = commits.submit(result);
        } catch (RuntimeException | Error e) {
            waiting.release();
            throw e;
        }
        return recorded.whenComplete((answer, error) -> waiting.release());
    }

    /**
     * Waits until every result handed over so far is committed, at most {@code timeout}. A stopping dispatcher
     * calls it before it gives back the claims it still holds: a result recorded after that would find its claim
     * gone, and the call, already made, would be made again.
     *
     * @return whether all were committed in time
     */
    boolean awaitRecorded(Duration timeout) throws InterruptedException {
        if (!waiting.tryAcquire(MAX_WAITING, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        waiting.release(MAX_WAITING);
        return true;
    }

    /**
     * Hands over a cancel by rule, carried out with the completion of its LOCAL row if the worker still holds it,
     * in a transaction shared with other results; returns at once, as {@link #complete}. A worker that waited for
     * it (a 20 ms gather and a commit) could not send meanwhile. Each had a commit of its own before, a sixth of
     * dispatch's CPU with the example rules' mix.
     *
     * @return completes once committed, with the counts (cancelled scheduled deliveries, Novu cancels queued), or
     *     empty if the claim was lost
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<Optional<int[]>> cancelByRule(DeliveryStore.CancellingByRule cancel) {
        return handOver(cancel).thenApply(counts -> (Optional<int[]>) counts);
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
