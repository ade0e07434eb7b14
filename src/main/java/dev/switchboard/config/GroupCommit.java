package dev.switchboard.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers (request threads at intake, dispatch workers) hand their writes to a writer thread (or
 * several), which stores everything that queued up while it was busy (and, if asked, what comes within a short
 * wait: always, or only while writes keep coming) in one transaction and then answers every waiting request. Under
 * load a commit carries many requests, so the cost of a commit (a file sync on H2, a WAL flush on PostgreSQL, the
 * pages H2 rewrites) is shared; with no load a request waits for exactly one commit, as before. Nothing is answered
 * before its transaction committed.
 *
 * <p>If a group fails (a messageId stored by another writer or instance in between, a value the database refuses),
 * each of its writes is stored again on its own, so one bad request cannot fail the others.
 *
 * @param <W> a write
 * @param <R> what storing one write returns to its caller
 */
public final class GroupCommit<W, R> {

    /** Stores a group in one transaction; returns one result per write, in order. */
    public interface GroupStore<W, R> {
        List<R> storeAll(List<W> writes);
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final BlockingQueue<Pending<W, R>> queue = new LinkedBlockingQueue<>();
    private final GroupStore<W, R> group;
    private final Function<W, R> alone;
    private final ToIntFunction<W> weight;
    private final int maxWeight;
    private final long gatherNanos;
    private final boolean gatherUnderLoadOnly;
    private final String name;
    private final int writerCount;

    private List<Thread> writers = List.of();
    private volatile boolean running;

    private record Pending<W, R>(W write, CompletableFuture<R> result, long submitted) {}

    /**
     * @param group stores a group of writes in one transaction
     * @param alone stores one write in its own transaction (used when its group failed, and after a stop)
     * @param weight how much a write adds to a group (its message count)
     * @param maxWeight the most a group carries: bounds a transaction's size and a request's wait
     */
    public GroupCommit(
            String name, GroupStore<W, R> group, Function<W, R> alone, ToIntFunction<W> weight, int maxWeight) {
        this(name, group, alone, weight, maxWeight, Duration.ZERO, false, 1);
    }

    /**
     * @param gather how long the writer waits for more writes to join a group that is not full before it stores
     *     it; zero stores what queued up while it was busy and no more. A wait suits writers whose callers are
     *     not in a hurry (dispatch workers between two calls to Novu): with writes arriving one at a time, every
     *     commit would carry one or two of them, and a commit's fixed cost (the pages of every index it touched
     *     written again) would be paid as often.
     * @param gatherUnderLoadOnly wait only while writes keep coming (the previous one was submitted less than
     *     {@code gather} before the group's first), and then at most until the first has waited {@code gather}
     *     in all: a request that comes alone is stored at once, and under load no request waits longer than that
     *     for its group to fill
     * @param writerCount how many writer threads form and store groups: more than one lets one group's inserts
     *     run while another commits
     */
    public GroupCommit(
            String name,
            GroupStore<W, R> group,
            Function<W, R> alone,
            ToIntFunction<W> weight,
            int maxWeight,
            Duration gather,
            boolean gatherUnderLoadOnly,
            int writerCount) {
        this.group = group;
        this.alone = alone;
        this.weight = weight;
        this.maxWeight = maxWeight;
        this.gatherNanos = gather.toNanos();
        this.gatherUnderLoadOnly = gatherUnderLoadOnly;
        this.name = name;
        if (writerCount < 1) {
            throw new IllegalArgumentException(name + " needs a writer thread, not " + writerCount);
        }
        this.writerCount = writerCount;
    }

    /**
     * Starts the writer threads. A stopped instance can start again (Spring stops and restarts lifecycle beans,
     * and its test framework pauses cached contexts that way), so each start has threads of its own.
     */
    public synchronized void start() {
        if (running) {
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writerCount; i++) {
            Thread thread = new Thread(this::run, writerCount == 1 ? name : name + "-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        writers = threads;
        running = true;
        threads.forEach(Thread::start);
    }

    /** Stores what is queued, then stops the writers; later writes are stored by their callers. */
    public synchronized void stop() {
        // No interrupt: an interrupted thread inside H2's file I/O closes the database file.
        running = false;
        boolean interrupted = false;
        for (Thread thread : writers) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // A writer finishes its group in any case; wait for it, and keep the caller's interrupt.
                    interrupted = true;
                }
            }
        }
        writers = List.of();
        storeLeftAlone();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void storeLeftAlone() {
        List<Pending<W, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(this::storeAlone);
    }

    /** How many writes wait for a writer. */
    public int queued() {
        return queue.size();
    }

    public boolean isRunning() {
        return running;
    }

    /** Stores the write with others that queued up at the same time; returns once its transaction committed. */
    public R store(W write) {
        try {
            return submit(write).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Queues the write to be stored with others and returns at once; the future completes once its transaction
     * committed (on the writer thread: keep what follows it short), or fails with what storing it threw. After a
     * stop the write is stored here, before this returns.
     */
    public CompletableFuture<R> submit(W write) {
        if (!running) {
            return storedHere(write);
        }
        Pending<W, R> pending = new Pending<>(write, new CompletableFuture<>(), System.nanoTime());
        queue.add(pending);
        // Stopped meanwhile: whoever takes it out of the queue stores it; if nobody did, store it here.
        if (!running && queue.remove(pending)) {
            return storedHere(write);
        }
        return pending.result();
    }

    private CompletableFuture<R> storedHere(W write) {
        try {
            return CompletableFuture.completedFuture(alone.apply(write));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void run() {
        // When the latest write this writer took was submitted (System.nanoTime()).
        long lastSubmitted = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
        List<Pending<W, R>> batch = new ArrayList<>();
        while (running) {
            try {
                Pending<W, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int total = weight.applyAsInt(first.write());
                long gathered = gatherDeadline(first, lastSubmitted);
                Pending<W, R> next;
                while (total < maxWeight && (next = nextBefore(gathered)) != null) {
                    batch.add(next);
                    total += weight.applyAsInt(next.write());
                }
                lastSubmitted = batch.get(batch.size() - 1).submitted();
                storeGroup(batch);
            } catch (InterruptedException e) {
                // Nobody interrupts the writer on purpose; if something did, callers must not wait for it.
                running = false;
                storeLeftAlone();
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("{} failed", name, e);
            } finally {
                // Whatever happened, no caller waits forever.
                for (Pending<W, R> pending : batch) {
                    pending.result().completeExceptionally(new IllegalStateException(name + " failed"));
                }
                batch.clear();
            }
        }
    }

    /** Until when ({@link System#nanoTime()}) the group that starts with {@code first} waits for more writes. */
    private long gatherDeadline(Pending<W, R> first, long lastSubmitted) {
        if (!gatherUnderLoadOnly) {
            return System.nanoTime() + gatherNanos;
        }
        boolean underLoad = first.submitted() - lastSubmitted < gatherNanos;
        return underLoad ? first.submitted() + gatherNanos : first.submitted();
    }

    /** The next queued write, waiting for one until {@code deadline} ({@link System#nanoTime()}) at most. */
    private @Nullable Pending<W, R> nextBefore(long deadline) throws InterruptedException {
        Pending<W, R> next = queue.poll();
        long left = deadline - System.nanoTime();
        return next != null || left <= 0 ? next : queue.poll(left, TimeUnit.NANOSECONDS);
    }

    private void storeGroup(List<Pending<W, R>> batch) {
        if (batch.size() > 1) {
            List<R> results;
            try {
                results = group.storeAll(batch.stream().map(Pending::write).toList());
            } catch (RuntimeException | Error e) {
                log.debug("a group of {} writes failed, storing each on its own", batch.size(), e);
                batch.forEach(this::storeAlone);
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } else {
            storeAlone(batch.get(0));
        }
    }

    private void storeAlone(Pending<W, R> pending) {
        try {
            pending.result().complete(alone.apply(pending.write()));
        } catch (RuntimeException | Error e) {
            pending.result().completeExceptionally(e);
        }
    }
}
