package dev.switchboard.dispatch;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The outbox workers: one poller claims due deliveries in batches for the workers, keeping up to one delivery
 * per worker claimed ahead so a worker that finishes finds its next delivery waiting, and the workers send them.
 * Claims are leases; a graceful stop lets calls in flight finish and gives back what was not started. Several
 * instances may run against one database.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryStore store;
    private final CompletionWriter completions;
    private final DeliveryProcessor processor;
    private final CircuitBreaker breaker;
    private final DispatchProperties properties;
    private final Clock clock;
    private final String owner;
    private final Object signal = new Object();

    private volatile boolean running;
    private @Nullable Thread poller;
    private @Nullable ExecutorService workers;
    /** Free places for claimed deliveries: one per worker, plus {@link #ahead()} waiting in line. */
    private Semaphore idle = new Semaphore(0);

    private boolean wakeUp;

    Dispatcher(
            DeliveryStore store,
            CompletionWriter completions,
            DeliveryProcessor processor,
            CircuitBreaker breaker,
            DispatchProperties properties,
            Clock clock) {
        this.store = store;
        this.completions = completions;
        this.processor = processor;
        this.breaker = breaker;
        this.properties = properties;
        this.clock = clock;
        String host = ManagementFactory.getRuntimeMXBean().getName();
        this.owner = (host.length() > 60 ? host.substring(0, 60) : host) + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Who this instance claims rows as ({@code claimed_by}). */
    String owner() {
        return owner;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        idle = new Semaphore(properties.workers() + ahead());
        AtomicInteger number = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.workers(), task -> {
            Thread thread = new Thread(task, "dispatch-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Thread thread = new Thread(this::poll, "dispatch-poller");
        thread.setDaemon(true);
        poller = thread;
        thread.start();
        log.info(
                "Dispatcher {} started: {} workers, polling every {}",
                owner,
                properties.workers(),
                properties.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            if (poller != null) {
                poller.join(properties.shutdownTimeout().toMillis());
            }
            if (workers != null) {
                workers.shutdown();
                if (!workers.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    workers.shutdownNow();
                }
            }
            // The workers' last results first: what is given back below must not include a finished call.
            if (!completions.awaitRecorded(properties.shutdownTimeout())) {
                log.warn("Dispatcher {}: results still not recorded after {}", owner, properties.shutdownTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = store.releaseAll(owner);
        log.info("Dispatcher {} stopped; {} claimed deliveries given back", owner, released);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Look for due deliveries now rather than at the next poll. */
    void wake() {
        synchronized (signal) {
            wakeUp = true;
            signal.notifyAll();
        }
    }

    private void poll() {
        while (running) {
            int claimed = 0;
            try {
                claimed = claimAndSubmit();
            } catch (RuntimeException e) {
                log.warn("Dispatch poll failed; trying again in {}", properties.pollInterval(), e);
            }
            if (claimed == 0) {
                pause(properties.pollInterval());
            }
        }
    }

    /**
     * How many places must be free before the poller claims again, and how many claimed deliveries wait in line
     * for a worker: as many as there are workers (at most a batch). Each claim is a transaction with a fixed cost
     * (on H2 a page write per index it touches, then the commit): claiming after every finished delivery made
     * most claims one or two rows, and the single poller's claims took more CPU than the sends they fed;
     * claiming only for idle workers left them waiting a third of the time for the next claim; claiming half a
     * set of workers at a time still held a 600/s trigger backlog 3-5% under the limit on 2 cores, CPU-bound,
     * where a whole set at a time holds it within 2%. Claimed rows in line keep their lease like any other claim.
     */
    private int ahead() {
        return Math.min(properties.workers(), properties.batchSize());
    }

    private int claimAndSubmit() {
        int free = Math.min(idle.availablePermits(), properties.batchSize());
        if (free < ahead()) {
            pause(properties.pollInterval());
            return 0;
        }
        int permits = breaker.permits(free);
        if (permits == 0) {
            return 0;
        }
        Instant now = clock.instant();
        List<Delivery> rows = store.claim(permits, owner, now, now.plus(properties.lease()), properties.ordering());
        if (rows.isEmpty()) {
            breaker.unused(permits);
            return 0;
        }
        for (Delivery row : rows) {
            idle.acquireUninterruptibly();
            workers.execute(() -> {
                try {
                    // Stopping: a delivery still waiting in line is not started; the stop gives its claim back.
                    if (running) {
                        processor.process(row, owner, this::await);
                    }
                } catch (RuntimeException e) {
                    log.error("Delivery {} could not be processed; its claim expires after the lease", row.id(), e);
                } finally {
                    breaker.neutral();
                    idle.release();
                    if (idle.availablePermits() >= ahead()) {
                        wake();
                    }
                }
            });
        }
        return rows.size();
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            if (!wakeUp && running) {
                try {
                    signal.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeUp = false;
        }
    }

    /** A worker's wait for the rate limit, cut short when the instance stops. */
    private boolean await(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        return false;
    }
}
