package dev.switchboard.admin;

import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuWorkflow;
import dev.switchboard.novu.NovuWorkflows;
import dev.switchboard.settings.SettingsRefreshed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the pages show about the connected Novu account: its workflows (for the builder's suggestions, cached
 * {@value #WORKFLOWS_TTL_SECONDS} s) and whether it answers (for the overview, cached {@value #REACHABLE_TTL_SECONDS}
 * s). Both come from {@code GET /v2/workflows}, are fetched in the background and waited for only briefly, so a
 * slow Novu never holds a page longer than {@link #WAIT}; until an answer comes the last one known is shown.
 */
@Component
public class NovuAccount implements DisposableBean {

    static final long WORKFLOWS_TTL_SECONDS = 60;
    static final long REACHABLE_TTL_SECONDS = 30;

    /** The longest a page waits for Novu; the call itself goes on up to the client's timeouts. */
    static final Duration WAIT = Duration.ofSeconds(2);

    /** Whether Novu answered the last check. {@code state} is {@code reachable}, {@code unreachable}, {@code dry_run} or {@code checking}. */
    public record Reachability(
            String state, @Nullable String reason, @Nullable Instant checkedAt) {

        public boolean reachable() {
            return state.equals("reachable");
        }
    }

    private final NovuClient client;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "novu-account");
        thread.setDaemon(true);
        return thread;
    });
    private final Cached<List<NovuWorkflow>> workflows;
    private final Cached<Reachability> reachability;

    public NovuAccount(NovuClient client, Clock clock) {
        this.client = client;
        this.workflows = new Cached<>(clock, Duration.ofSeconds(WORKFLOWS_TTL_SECONDS), this::fetchWorkflows);
        this.reachability = new Cached<>(clock, Duration.ofSeconds(REACHABLE_TTL_SECONDS), () -> check(clock));
    }

    /** The account's workflows; empty in dry-run mode or when Novu did not answer (the caller falls back). */
    public List<NovuWorkflow> workflows() {
        if (client.dryRun()) {
            return List.of();
        }
        List<NovuWorkflow> known = workflows.get(WAIT);
        return known == null ? List.of() : known;
    }

    /** A new base URL or API key on {@code /settings}: what was known about the old account no longer holds. */
    @EventListener(SettingsRefreshed.class)
    void settingsChanged() {
        workflows.expire();
        reachability.expire();
    }

    /** Whether Novu answers with the configured key; never checked in dry-run mode. */
    public Reachability reachability() {
        if (client.dryRun()) {
            return new Reachability("dry_run", null, null);
        }
        Reachability known = reachability.get(WAIT);
        return known == null ? new Reachability("checking", null, null) : known;
    }

    private List<NovuWorkflow> fetchWorkflows() {
        NovuWorkflows listed = client.workflows(100);
        if (!listed.result().delivered()) {
            // The last list known stays for the cache time too: a Novu that is down is not asked on every page.
            List<NovuWorkflow> last = workflows.value;
            return last == null ? List.of() : last;
        }
        return listed.workflows();
    }

    private Reachability check(Clock clock) {
        NovuWorkflows listed = client.workflows(1);
        return listed.result().delivered()
                ? new Reachability("reachable", null, clock.instant())
                : new Reachability("unreachable", listed.result().reason(), clock.instant());
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** A value loaded in the background, at most one load at a time, kept for {@code ttl}. */
    private final class Cached<T> {

        private final Clock clock;
        private final Duration ttl;
        private final Supplier<T> loader;
        private volatile @Nullable T value;
        private volatile @Nullable Instant loadedAt;
        private @Nullable CompletableFuture<T> loading;

        Cached(Clock clock, Duration ttl, Supplier<T> loader) {
            this.clock = clock;
            this.ttl = ttl;
            this.loader = loader;
        }

        /** Forgets the value: the next call loads a new one (the last known is kept while it loads). */
        void expire() {
            loadedAt = null;
        }

        /** The fresh value; else waits up to {@code wait} for a new one, then gives the last known (or null). */
        @Nullable
        T get(Duration wait) {
            Instant at = loadedAt;
            if (at != null && clock.instant().isBefore(at.plus(ttl))) {
                return value;
            }
            CompletableFuture<T> load = load();
            try {
                return load.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
        }

        private synchronized CompletableFuture<T> load() {
            CompletableFuture<T> current = loading;
            if (current != null && !current.isDone()) {
                return current;
            }
            CompletableFuture<T> next = CompletableFuture.supplyAsync(
                    () -> {
                        T loaded = loader.get();
                        value = loaded;
                        loadedAt = clock.instant();
                        return loaded;
                    },
                    executor);
            loading = next;
            return next;
        }
    }
}
