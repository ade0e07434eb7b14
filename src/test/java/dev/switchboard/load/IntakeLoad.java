package dev.switchboard.load;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.FakeNovu;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intake under load, the figures of issue #4. For each database (H2 file with the default URL's durability,
 * PostgreSQL with {@code synchronous_commit=on} as a stock server has it) it starts a fake Novu on 127.0.0.1 and
 * Switchboard as a separate JVM ({@code -Xmx512m}, the test classpath for the {@code load-floors} profile), adds
 * 31 generated rules to the 9 examples (40 published), then measures from several concurrent clients, with the
 * dispatcher off: the parse floor, the storage floor and real {@code /v1/batch} intake (accepted events/s, request
 * p50/p99), then {@code /v1/track} open-loop at a fixed rate over kept-alive connections ({@link KeepAliveClient};
 * p50/p99 from the intended send time). Restarted on
 * the same database with the dispatcher on: what it delivers to Novu against the configured trigger limit with
 * intake idle, then {@code /v1/track} again while it drains. Each phase's CPU per event from {@code /proc}, and
 * peak heap from the GC logs. {@code --mode kill}
 * instead kills Switchboard with SIGKILL under batch load, restarts it on the same database and checks that
 * every acknowledged message is stored and that Novu saw repeats only with the same transactionId.
 *
 * <p>Everything stays on 127.0.0.1; every loop is bounded in count and time. Run with {@code load/intake.sh}.
 */
public final class IntakeLoad {

    static final String WRITE_KEY = "wk_load_0001";
    static final String ADMIN_PASSWORD = "load-admin-password";
    static final String TRIGGER = "/v1/events/trigger";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Map<String, String> options;
    private final Path work;
    private final AtomicLong sequence = new AtomicLong();
    /**
     * The open loop's senders, one kept-alive connection each, shared by the warm-up and the measured phase: a pool
     * per phase opened 64 new connections at the start of the measured phase, whose first seconds held most of
     * the phase's slow requests. Daemon threads: nothing to shut down.
     */
    private final ExecutorService trackDrivers = Executors.newFixedThreadPool(64, task -> {
        Thread thread = new Thread(task, "track-driver");
        thread.setDaemon(true);
        return thread;
    });

    private final List<Template> batchMix;
    private final List<Template> trackMix;
    private final LoadIds ids;
    private final LoadSchema schema;

    private IntakeLoad(Map<String, String> options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("switchboard-intake-load");
        String now = Instant.now().toString();
        this.ids = LoadIds.of(
                options.getOrDefault("ids", "realistic"), Integer.parseInt(options.getOrDefault("users", "100000")));
        this.schema = LoadSchema.of(options.getOrDefault("schema", "full"));
        Map<String, Template> samples = new LinkedHashMap<>();
        for (String name : List.of(
                "page",
                "track-product-viewed",
                "track-product-added",
                "screen",
                "identify",
                "track-checkout-started",
                "track-order-completed",
                "track-user-abandoned-cart",
                "track-audience-entered",
                "group",
                "alias")) {
            samples.put(name, Template.of(name, now, ids));
        }
        // A shop's day, in percent: mostly browsing, some identifies and orders.
        this.batchMix = mix(
                samples,
                Map.ofEntries(
                        Map.entry("page", 28),
                        Map.entry("track-product-viewed", 22),
                        Map.entry("track-product-added", 14),
                        Map.entry("screen", 6),
                        Map.entry("identify", 8),
                        Map.entry("track-checkout-started", 6),
                        Map.entry("track-order-completed", 5),
                        Map.entry("track-user-abandoned-cart", 3),
                        Map.entry("track-audience-entered", 3),
                        Map.entry("group", 3),
                        Map.entry("alias", 2)));
        this.trackMix = mix(
                samples,
                Map.of(
                        "track-product-viewed", 45,
                        "track-product-added", 25,
                        "track-checkout-started", 12,
                        "track-order-completed", 10,
                        "track-user-abandoned-cart", 4,
                        "track-audience-entered", 4));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        // The driver's JDK HttpClient completes every call on the common pool, which starts a thread per task
        // on 2 cores unless given a parallelism (as Switchboard's main does for its own calls to Novu).
        SwitchboardApplication.poolCompletionsOnSmallMachines();
        IntakeLoad load = new IntakeLoad(options);
        System.out.println("databases, Switchboard and GC logs in " + load.work
                + " (the H2 file deleted once measured unless --keep-databases true)");
        Database.h2Settings = options.getOrDefault("h2-settings", "");
        Database.pgSettings = options.getOrDefault("pg-settings", "");
        Database.pgServerSettings = options.getOrDefault("pg-server-settings", "");
        Database.pgStatements = Integer.parseInt(options.getOrDefault("pg-statements", "0"));
        int exit = "kill".equals(options.getOrDefault("mode", "bench")) ? load.killRun() : load.bench();
        System.exit(exit);
    }

    // ---------------------------------------------------------------------------------------------- bench

    private int bench() throws Exception {
        List<String> databases = List.of(option("db", "h2,postgres").split(","));
        List<BenchResult> results = new ArrayList<>();
        for (String db : databases) {
            results.add(benchOn(db.trim()));
            // With random ids an H2 file grew to 6-23 GB in one run, and a few runs filled the disk: it goes once
            // measured unless asked to stay; the logs stay. (The embedded PostgreSQL removes its own data folder.)
            Path folder = work.resolve(db.trim());
            if (Files.exists(folder) && !Boolean.parseBoolean(option("keep-databases", "false"))) {
                System.out.printf("database folder %s: %,d MB, deleted%n", folder, Folders.size(folder) / 1_000_000);
                Folders.delete(folder);
            }
        }
        String table = table(results);
        System.out.println();
        System.out.println(table);
        Path out = Path.of(option("out", "target/load/intake-results.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println("written to " + out.toAbsolutePath());
        return 0;
    }

    private BenchResult benchOn(String db) throws Exception {
        int clients = intOption("clients", 8);
        int batch = intOption("batch", 100);
        // Without the 20 s parse phase before it, 8 s left the first storage floor on a JVM not yet warmed up: 21-27
        // against 10-14 ms of Switchboard's CPU per 1,000 in a second round, and a /v1/batch share twice too high.
        Set<String> phases = phases();
        int defaultWarmup = phases.contains("parse") ? 8 : 30;
        Duration warmup = Duration.ofSeconds(intOption("warmup-seconds", defaultWarmup));
        Duration phase = Duration.ofSeconds(intOption("seconds", 20));
        double trackRate = Double.parseDouble(option("track-rate", "1000"));
        Duration trackPhase = Duration.ofSeconds(intOption("track-seconds", 60));
        double triggerRate = Double.parseDouble(option("trigger-rate", "600"));
        Duration drain = Duration.ofSeconds(intOption("drain-seconds", 20));
        System.out.printf(
                "== %s: %d clients, batches of %d, %s per phase, /v1/track at %.0f/s, trigger limit %.0f/s%n",
                db, clients, batch, phase, trackRate, triggerRate);

        try (FakeNovu novu = FakeNovu.start().latency(intOption("latency-ms", 5));
                Database database = Database.create(db, work.resolve(db))) {
            BenchResult result = new BenchResult(db);
            Path intakeGc = work.resolve(db + "-gc.log");
            Path dispatchGc = work.resolve(db + "-dispatch-gc.log");
            // Intake first, with the dispatcher off: on 2 cores a dispatcher draining the growing backlog at the
            // trigger limit takes most of the machine, and did so unevenly (during the floors it drained the
            // warm-up's backlog, during /v1/batch its own), so no two intake figures had the same machine.
            try (Server server =
                    Server.start(this, database, novu, triggerRate, intakeGc, work.resolve(db + ".log"), false)) {
                result.rules = importRules(server);
                System.out.printf("rules published: %d%n", result.rules);

                System.out.println("warm-up");
                if (phases.contains("parse")) {
                    closedLoop(server, "/v1/batch?floor=parse", clients, batch, warmup.dividedBy(2), null);
                }
                if (phases.contains("store")) {
                    closedLoop(server, "/v1/batch?floor=store", clients, batch, warmup.dividedBy(2), null);
                }
                if (phases.contains("batch")) {
                    closedLoop(server, "/v1/batch", clients, batch, warmup, null);
                }
                result.parseFloor = phases.contains("parse")
                        ? closedLoop(server, "/v1/batch?floor=parse", clients, batch, phase, null)
                        : Phase.none();
                System.out.println("parse floor   " + result.parseFloor + load());
                result.storeFloor = phases.contains("store")
                        ? measure(server, database, "/v1/batch?floor=store", clients, batch, phase)
                        : Measured.NONE;
                System.out.println(
                        "storage floor " + result.storeFloor.phase() + load() + " " + result.storeFloor.cpu());
                result.batch = phases.contains("batch")
                        ? measure(server, database, "/v1/batch", clients, batch, phase)
                        : Measured.NONE;
                System.out.println("/v1/batch     " + result.batch.phase() + load() + " " + result.batch.cpu()
                        + (result.batch.walPerEvent() < 0
                                ? ""
                                : " WAL/event " + result.storeFloor.walPerEvent() + " / "
                                        + result.batch.walPerEvent()));
                if (phases.contains("store") && phases.contains("batch")) {
                    moreRounds(server, database, result, clients, batch, phase);
                }
                String sizes = database.sizesPerMessage();
                if (!sizes.isEmpty()) {
                    System.out.println(sizes);
                }
                if (phases.contains("track")) {
                    // Before the warm-up, not after it: what /v1/track itself leaves dirty is part of its steady
                    // state (on H2 about 85 MB/s at 1,000 requests/s, written back in a burst of 2-2.5 GB every
                    // 25-30 s), and the measured phase must meet those bursts as they come.
                    settleDisk("/v1/track");
                    // Right before the measured phase, not with the other warm-ups: a minute of batches in between
                    // left the first seconds of /v1/track to reconnect and settle, and they held most of its slow
                    // requests.
                    openLoop(server, trackRate, Duration.ofSeconds(intOption("track-warmup-seconds", 30)));
                }
                Cpu before = Cpu.of(server);
                OffsetDateTime trackStart = OffsetDateTime.now();
                long checkpoints = database.checkpoints();
                result.track = phases.contains("track") ? openLoop(server, trackRate, trackPhase) : Phase.none();
                result.trackCpu = before.until(Cpu.of(server), result.track.events);
                System.out.println("/v1/track     " + result.track + load() + " " + result.trackCpu
                        + database.autovacuumSince(trackStart) + database.checkpointsSince(checkpoints));
            }

            // Then dispatch, on the same database with the backlog intake left: a restart with the dispatcher on,
            // an unmeasured warm-up for the JIT (intake posting, dispatch draining), the measured window with intake
            // idle, and last /v1/track again with the dispatcher busy (what one 2-core machine does with both).
            try (Server server = Server.start(
                    this, database, novu, triggerRate, dispatchGc, work.resolve(db + "-dispatch.log"), true)) {
                // The new JVM warms up on both paths at once: intake (whose track phase comes last) and dispatch.
                closedLoop(server, "/v1/batch", clients, batch, warmup, null);
                openLoop(server, trackRate, Duration.ofSeconds(5));
                Thread.sleep(Duration.ofSeconds(intOption("dispatch-warmup-seconds", 60))
                        .toMillis());
                Cpu before = Cpu.of(server);
                long from = System.nanoTime();
                Thread.sleep(drain.toMillis());
                long to = System.nanoTime();
                Cpu after = Cpu.of(server);
                List<Long> arrivals = arrivals(novu);
                result.triggerLimit = triggerRate;
                result.deliveredWindow =
                        arrivals.stream().filter(t -> t >= from && t < to).count() / ((to - from) / 1e9);
                result.maxInOneSecond = maxInOneSecond(arrivals);
                // A backlog that ran out inside the window makes its rate say nothing about dispatch: the last
                // trigger then came well before the window's end.
                long lastInWindow = arrivals.stream()
                        .filter(t -> t >= from && t < to)
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(from);
                result.backlogRanOut = to - lastInWindow > TimeUnit.SECONDS.toNanos(1);
                long calls = novu.received().stream()
                        .filter(r -> r.receivedNanos() >= from && r.receivedNanos() < to)
                        .count();
                result.allCallsWindow = calls / ((to - from) / 1e9);
                result.dispatchCpu = before.until(after, calls);
                System.out.printf(
                        "dispatch: %.1f triggers/s (%.1f Novu calls/s) over %ss with intake idle, busiest second %d%s%n",
                        result.deliveredWindow,
                        result.allCallsWindow,
                        drain.toSeconds(),
                        result.maxInOneSecond,
                        load() + " " + result.dispatchCpu
                                + (result.backlogRanOut
                                        ? " BACKLOG RAN OUT inside the window: not a dispatch rate (more intake"
                                                + " phases, or a shorter --dispatch-warmup-seconds)"
                                        : ""));
                if (phases.contains("track")) {
                    before = Cpu.of(server);
                    result.trackWhileDispatching = openLoop(server, trackRate, trackPhase);
                    result.trackWhileDispatchingCpu = before.until(Cpu.of(server), result.trackWhileDispatching.events);
                    System.out.println("/v1/track while dispatching " + result.trackWhileDispatching + load() + " "
                            + result.trackWhileDispatchingCpu);
                }
                result.triggersSent = arrivals(novu).size();
                result.contractViolations = novu.violations().size();
            }
            result.heap = Heap.max(Heap.of(intakeGc), Heap.of(dispatchGc));
            result.counts = database.counts();
            System.out.println("heap " + result.heap + ", database " + result.counts);
            return result;
        }
    }

    // ---------------------------------------------------------------------------------------------- kill -9

    private int killRun() throws Exception {
        String db = option("db", "h2");
        int clients = intOption("clients", 4);
        int batch = intOption("batch", 100);
        Duration before = Duration.ofSeconds(intOption("kill-after-seconds", 8));
        double triggerRate = Double.parseDouble(option("trigger-rate", "600"));
        options.putIfAbsent("lease", "15s");
        boolean ok = true;
        for (String one : db.split(",")) {
            ok &= killRunOn(one.trim(), clients, batch, before, triggerRate);
        }
        return ok ? 0 : 1;
    }

    private boolean killRunOn(String db, int clients, int batch, Duration before, double triggerRate) throws Exception {
        System.out.printf(
                "== kill -9 on %s: %d clients, batches of %d, SIGKILL after %s%n", db, clients, batch, before);
        try (FakeNovu novu = FakeNovu.start().latency(intOption("latency-ms", 5));
                Database database = Database.create(db, work.resolve("kill-" + db))) {
            Path gcLog = work.resolve("kill-" + db + "-gc.log");
            Acks acks = new Acks();
            int triggersBeforeKill;
            Server first = Server.start(this, database, novu, triggerRate, gcLog, work.resolve("kill-" + db + ".log"));
            try {
                importRules(first);
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(before.toMillis());
                        first.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                killer.start();
                Phase load = closedLoop(first, "/v1/batch", clients, batch, before.plusSeconds(3), acks);
                killer.join();
                triggersBeforeKill = arrivals(novu).size();
                System.out.printf(
                        "before the kill: %s; %d batches unanswered; %d triggers reached Novu%n",
                        load, acks.failed.size(), triggersBeforeKill);
            } finally {
                first.kill();
            }

            int resent = 0;
            int resentDuplicates = 0;
            try (Server second = Server.start(
                    this,
                    database,
                    novu,
                    triggerRate,
                    gcLog.resolveSibling("kill-" + db + "-2-gc.log"),
                    work.resolve("kill-" + db + "-2.log"))) {
                // What a Segment client does with a batch that got no answer: send it again, same messageIds.
                HttpClient http = client();
                for (Acks.Batch failed : acks.failed) {
                    HttpResponse<String> response = post(http, second, "/v1/batch", failed.body);
                    if (response.statusCode() == 200) {
                        resent += failed.count;
                        JsonNode answer = JSON.readTree(response.body());
                        resentDuplicates += answer.path("duplicates").asInt();
                        acks.acked.add(failed.range());
                    }
                }
                // Let the dispatcher finish everything due, including the rows the killed instance had claimed (they
                // come back when its lease runs out): until Novu sees nothing new for the lease + 5 s (at most 5 min).
                long quiet = Duration.parse("PT" + option("lease", "15s").toUpperCase())
                                .toNanos()
                        + TimeUnit.SECONDS.toNanos(5);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                int last = -1;
                long quietSince = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    int now = arrivals(novu).size();
                    if (now != last) {
                        last = now;
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > quiet) {
                        break;
                    }
                    Thread.sleep(500);
                }
            }

            Set<String> stored = database.messageIds();
            long acked = 0;
            long missing = 0;
            for (long[] range : acks.acked) {
                for (long seq = range[0]; seq < range[1]; seq++) {
                    acked++;
                    if (!stored.contains(messageId(seq))) {
                        missing++;
                    }
                }
            }
            Map<String, String> deliveries = database.deliveredTriggers();
            long dueLeft = database.dueLeft();
            // Every trigger Novu received, grouped by Idempotency-Key: a repeat must carry the same transactionId.
            Map<String, Set<String>> transactionsPerKey = new HashMap<>();
            Map<String, Integer> requestsPerTransaction = new HashMap<>();
            for (FakeNovu.Received received : novu.received("POST", TRIGGER)) {
                String transactionId =
                        JSON.readTree(received.body()).path("transactionId").asString("");
                transactionsPerKey
                        .computeIfAbsent(String.valueOf(received.idempotencyKey()), k -> new HashSet<>())
                        .add(transactionId);
                requestsPerTransaction.merge(transactionId, 1, Integer::sum);
            }
            Map<String, Integer> accepted = novu.acceptedTriggers();
            long repeatedRequests = requestsPerTransaction.values().stream()
                    .filter(n -> n > 1)
                    .mapToLong(n -> n - 1)
                    .sum();
            long keysWithTwoTransactions = transactionsPerKey.values().stream()
                    .filter(s -> s.size() > 1)
                    .count();
            // A rule may map one transactionId onto several messages on purpose (the examples' welcome-{userId}:
            // one welcome per person), and Novu runs such a transactionId once per delivered row at most. Run twice
            // means more often than the outbox has delivered rows for it: a delivery that reached Novu twice.
            Map<String, Long> rowsPerTransaction = new HashMap<>();
            deliveries.values().forEach(id -> rowsPerTransaction.merge(id, 1L, Long::sum));
            long acceptedTwice = accepted.entrySet().stream()
                    .filter(e -> e.getValue() > rowsPerTransaction.getOrDefault(e.getKey(), 1L))
                    .count();
            long deliveredNotSeen = deliveries.values().stream()
                    .filter(id -> !accepted.containsKey(id))
                    .count();
            Set<String> known = new HashSet<>(database.allTriggerTransactions());
            long seenNotInOutbox =
                    accepted.keySet().stream().filter(id -> !known.contains(id)).count();
            boolean ok = missing == 0
                    && keysWithTwoTransactions == 0
                    && acceptedTwice == 0
                    && deliveredNotSeen == 0
                    && seenNotInOutbox == 0
                    && dueLeft == 0
                    && novu.violations().isEmpty();
            System.out.printf(
                    "kill -9 on %s: %d messages acknowledged (%d of them re-sent after the restart, %d answered as"
                            + " duplicates), %d missing from the database; %d trigger deliveries delivered; Novu got"
                            + " %d trigger requests for %d transactionIds (%d before the kill): %d repeats, all with the"
                            + " same transactionId and Idempotency-Key: %s, %d transactionIds run twice by Novu,"
                            + " %d delivered rows Novu never saw, %d Novu transactions not in the outbox, %d due rows"
                            + " left, %d contract violations%n",
                    db,
                    acked,
                    resent,
                    resentDuplicates,
                    missing,
                    deliveries.size(),
                    novu.received("POST", TRIGGER).size(),
                    requestsPerTransaction.size(),
                    triggersBeforeKill,
                    repeatedRequests,
                    keysWithTwoTransactions == 0 ? "yes" : "NO (" + keysWithTwoTransactions + " keys)",
                    acceptedTwice,
                    deliveredNotSeen,
                    seenNotInOutbox,
                    dueLeft,
                    novu.violations().size());
            System.out.println(
                    ok ? "RESULT: nothing lost, repeats only with the same transactionId" : "RESULT: FAILED");
            return ok;
        }
    }

    // ---------------------------------------------------------------------------------------------- load

    /**
     * {@code --rounds N}: N-1 more storage floor and {@code /v1/batch} phases, alternating, after the first pair.
     * On this shared machine the floor alone moved by a third between runs of one build, and the ratio with it;
     * the median of pairs measured a minute apart says more than any one pair.
     */
    private void moreRounds(
            Server server, Database database, BenchResult result, int clients, int batch, Duration phase)
            throws InterruptedException, SQLException {
        int rounds = intOption("rounds", 1);
        result.shares.add(result.batch.phase().eventsPerSecond / result.storeFloor.phase().eventsPerSecond);
        for (int round = 2; round <= rounds; round++) {
            Measured floor = measure(server, database, "/v1/batch?floor=store", clients, batch, phase);
            Measured routed = measure(server, database, "/v1/batch", clients, batch, phase);
            double share = routed.phase().eventsPerSecond / floor.phase().eventsPerSecond;
            result.shares.add(share);
            System.out.printf(
                    "round %d: storage floor %,.0f, /v1/batch %,.0f events/s, %.0f%%; CPU per 1,000 %s / %s%s%s%n",
                    round,
                    floor.phase().eventsPerSecond,
                    routed.phase().eventsPerSecond,
                    100 * share,
                    floor.cpu().withDatabasePerThousand(),
                    routed.cpu().withDatabasePerThousand(),
                    routed.walPerEvent() < 0 ? "" : "; WAL/event " + floor.walPerEvent() + " / " + routed.walPerEvent(),
                    load());
        }
    }

    /** A closed-loop phase with what it cost: Switchboard's and PostgreSQL's CPU, and the WAL per event. */
    private record Measured(Phase phase, Cpu.Usage cpu, long walPerEvent) {
        static final Measured NONE = new Measured(Phase.none(), Cpu.Usage.NONE, -1);
    }

    private Measured measure(Server server, Database database, String path, int clients, int batch, Duration duration)
            throws InterruptedException, SQLException {
        settleDisk(path);
        Cpu before = Cpu.of(server);
        long walBefore = database.walPosition();
        database.forgetStatements();
        Phase phase = closedLoop(server, path, clients, batch, duration, null);
        System.out.print(database.costliestStatements(path, phase.events));
        return new Measured(
                phase,
                before.until(Cpu.of(server), phase.events),
                walPerEvent(walBefore, database.walPosition(), phase.events));
    }

    /**
     * Each measured phase starts with what the phases before it wrote on disk ({@link DiskWrites#settle}), unless
     * {@code --settle-disk false}: without it the kernel's writeback of one phase's writes lands in the next.
     */
    private void settleDisk(String phase) throws InterruptedException {
        if (Boolean.parseBoolean(option("settle-disk", "true"))) {
            System.out.println("before " + phase + ": " + DiskWrites.settle());
        }
    }

    /** Clients posting batches back to back until the time is up; with {@code acks}, records what was answered. */
    private Phase closedLoop(Server server, String path, int clients, int batch, Duration duration, Acks acks)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Recorder> recorders = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            pool.execute(() -> {
                HttpClient http = client();
                while (System.nanoTime() < end) {
                    long first = sequence.getAndAdd(batch);
                    byte[] body = batchBody(first, batch);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = post(http, server, path, body);
                        long took = System.nanoTime() - sent;
                        if (response.statusCode() == 200) {
                            recorder.ok(took, batch);
                            if (acks != null) {
                                acks.acked.add(new long[] {first, first + batch});
                            }
                        } else {
                            recorder.error(response.statusCode() + " " + abbreviate(response.body()));
                            if (acks != null) {
                                acks.failed.add(new Acks.Batch(first, batch, body));
                            }
                        }
                    } catch (RuntimeException e) {
                        recorder.error(String.valueOf(e.getCause() == null ? e : e.getCause()));
                        if (acks != null) {
                            acks.failed.add(new Acks.Batch(first, batch, body));
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        return Phase.of(recorders, (System.nanoTime() - start) / 1e9);
    }

    /** {@code /v1/track} at a fixed rate: one request per period whatever the answers; latency from the plan. */
    private Phase openLoop(Server server, double rate, Duration duration) throws InterruptedException {
        int requests = (int) (rate * duration.toSeconds());
        long period = (long) (1e9 / rate);
        CountDownLatch answered = new CountDownLatch(requests);
        String authorization = basic(WRITE_KEY, "");
        Recorder recorder = new Recorder();
        // Requests slower than the 10 ms target, per second of the phase: a stretch (a checkpoint, a pause) shows
        // as a few seconds holding most of them, a saturated machine as every second holding some.
        AtomicIntegerArray slow = new AtomicIntegerArray((int) duration.toSeconds() + 1);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        DiskWrites diskWrites = new DiskWrites(start, (int) duration.toSeconds());
        for (int i = 0; i < requests; i++) {
            long planned = start + i * period;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            trackDrivers.execute(() -> {
                long seq = sequence.getAndIncrement();
                byte[] body =
                        trackMix.get((int) (seq % trackMix.size())).render(seq).getBytes(StandardCharsets.UTF_8);
                try {
                    KeepAliveClient.Answer answer = KeepAliveClient.forThisThread(
                                    "127.0.0.1", server.port(), authorization)
                            .post("/v1/track", body);
                    if (answer.status() == 200) {
                        long latency = System.nanoTime() - planned;
                        recorder.ok(latency, 1);
                        if (latency > TimeUnit.MILLISECONDS.toNanos(10)) {
                            slow.incrementAndGet((int) ((planned - start) / 1_000_000_000L));
                        }
                    } else {
                        recorder.error(answer.status() + " " + abbreviate(answer.body()));
                    }
                } catch (RuntimeException e) {
                    recorder.error(String.valueOf(e));
                } finally {
                    answered.countDown();
                }
            });
        }
        if (!answered.await(120, TimeUnit.SECONDS)) {
            recorder.error(answered.getCount() + " requests unanswered after 120 s");
        }
        diskWrites.close();
        System.out.println("  /v1/track requests over 10 ms, by second of the phase: " + bySecond(slow));
        String written = diskWrites.bySecond();
        if (!written.isEmpty()) {
            System.out.println("  disk writes, " + written);
        }
        return Phase.of(List.of(recorder), (System.nanoTime() - start) / 1e9);
    }

    private static String bySecond(AtomicIntegerArray counts) {
        StringBuilder out = new StringBuilder();
        int total = 0;
        for (int second = 0; second < counts.length(); second++) {
            total += counts.get(second);
            out.append(second == 0 ? "" : " ").append(counts.get(second));
        }
        return total + " in all; " + out;
    }

    private byte[] batchBody(long first, int count) {
        StringBuilder body = new StringBuilder(count * 1600).append("{\"batch\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                body.append(',');
            }
            long seq = first + i;
            batchMix.get((int) (seq % batchMix.size())).render(seq, body);
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    String messageId(long seq) {
        return ids.messageId(seq);
    }

    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpResponse<String> post(HttpClient http, Server server, String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(WRITE_KEY, ""))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 200 ? text : text.substring(0, 200) + "…";
    }

    // ---------------------------------------------------------------------------------------------- rules

    /** The 9 examples load at first start; 31 generated rules join them through the import API, published. */
    private static int importRules(Server server) {
        List<String> rules = new ArrayList<>();
        String[] categories = {"Shoes", "Bags", "Jackets", "Hats", "Shoes", "Toys", "Books", "Shoes"};
        int[] prices = {50, 20, 20, 10, 120, 5, 5, 200};
        for (int i = 0; i < 8; i++) {
            rules.add(rule(
                    "load-added-" + i,
                    "\"type\":[\"track\"],\"event\":[\"Product Added\"],\"all\":[{\"path\":\"$.properties.category\","
                            + "\"op\":\"equals\",\"value\":\"" + categories[i] + "\"},{\"path\":\"$.properties.price\","
                            + "\"op\":\"gte\",\"value\":" + prices[i] + "}]"));
        }
        for (int i = 0; i < 8; i++) {
            rules.add(rule(
                    "load-page-" + i,
                    "\"type\":[\"page\"],\"all\":[{\"path\":\"$.name\",\"op\":\"equals\",\"value\":\"Landing " + i
                            + "\"},{\"path\":\"$.properties.path\",\"op\":\"starts_with\",\"value\":\"/lp/\"}]"));
        }
        for (int i = 0; i < 8; i++) {
            rules.add(rule(
                    "load-renewal-" + i,
                    "\"type\":[\"track\"],\"event\":[\"Subscription Renewed " + i + "\"],\"all\":[{\"path\":"
                            + "\"$.properties.amount\",\"op\":\"gt\",\"value\":0}]"));
        }
        for (int i = 0; i < 7; i++) {
            String plan = i == 0 ? "pro" : "team-" + i;
            rules.add(rule(
                    "load-plan-" + i,
                    "\"type\":[\"identify\"],\"all\":[{\"path\":\"$.traits.plan\",\"op\":\"equals\",\"value\":\""
                            + plan + "\"},{\"path\":\"$.traits.address.country\",\"op\":\"in\",\"value\":"
                            + "[\"DE\",\"AT\",\"CH\"]}]"));
        }
        String body = "{\"rules\":[" + String.join(",", rules) + "]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/rules/import")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> listed;
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("rule import: " + response.statusCode() + " " + response.body());
            }
            listed = client().send(
                            HttpRequest.newBuilder(URI.create(server.url("/api/rules")))
                                    .header("Authorization", basic("admin", ADMIN_PASSWORD))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode list = JSON.readTree(listed.body());
        JsonNode items = list.isArray() ? list : list.path("rules");
        int published = 0;
        for (JsonNode rule : items) {
            if (!rule.path("publishedVersion").isMissingNode()
                    || "published".equalsIgnoreCase(rule.path("status").asString(""))
                    || rule.path("live").asBoolean(false)) {
                published++;
            }
        }
        return published == 0 ? items.size() : published;
    }

    private static String rule(String key, String when) {
        return "{\"key\":\"" + key + "\",\"name\":\"Load " + key + "\",\"description\":\"generated for the load run\","
                + "\"enabled\":true,\"priority\":500,\"stopProcessing\":false,\"when\":{" + when + "},"
                + "\"actions\":[{\"type\":\"trigger\",\"workflowId\":\"" + key + "\",\"to\":{\"subscriberId\":"
                + "{\"@path\":\"$.userId\"}},\"payload\":{\"source\":\"load\",\"event\":{\"@path\":\"$.event\"}}}]}";
    }

    // ---------------------------------------------------------------------------------------------- results

    /** The machine's load average, since other work on the same cores changes every figure. */
    static String load() {
        try {
            return " [loadavg "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0] + "]";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<Long> arrivals(FakeNovu novu) {
        return novu.received("POST", TRIGGER).stream()
                .map(FakeNovu.Received::receivedNanos)
                .sorted()
                .toList();
    }

    static int maxInOneSecond(List<Long> arrivals) {
        int max = 0;
        int start = 0;
        for (int end = 0; end < arrivals.size(); end++) {
            while (arrivals.get(end) - arrivals.get(start) >= 1_000_000_000L) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    private String table(List<BenchResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "Intake load run, %s, %d cores, JDK %s, Switchboard -Xmx512m; %s clients, batches of %s messages;"
                        + " fake Novu latency %s ms.%s%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.specification.version"),
                option("clients", "8"),
                option("batch", "100"),
                option("latency-ms", "5"),
                schema.description()));
        out.append("| figure | ")
                .append(String.join(" | ", results.stream().map(r -> r.db).toList()))
                .append(" |\n|---|")
                .append("---|".repeat(results.size()))
                .append('\n');
        row(out, results, "published rules", r -> String.valueOf(r.rules));
        row(out, results, "parse floor: events/s (request p50 / p99)", r -> r.parseFloor.summary());
        row(
                out,
                results,
                "storage floor: events/s (request p50 / p99)",
                r -> r.storeFloor.phase().summary());
        row(
                out,
                results,
                "`/v1/batch`: accepted events/s (request p50 / p99)",
                r -> r.batch.phase().summary());
        row(
                out,
                results,
                "`/v1/batch` as % of storage floor",
                r -> String.format(
                                "%.0f%%", 100 * r.batch.phase().eventsPerSecond / r.storeFloor.phase().eventsPerSecond)
                        + r.roundsSummary());
        row(
                out,
                results,
                "CPU per 1,000 events, Switchboard + PostgreSQL: storage floor / `/v1/batch`",
                r -> r.storeFloor.cpu().withDatabasePerThousand() + " / "
                        + r.batch.cpu().withDatabasePerThousand());
        row(
                out,
                results,
                "PostgreSQL write-ahead log per event: storage floor / `/v1/batch`",
                r -> r.batch.walPerEvent() < 0
                        ? "n/a"
                        : String.format("%,d B / %,d B", r.storeFloor.walPerEvent(), r.batch.walPerEvent()));
        row(out, results, "`/v1/track` open loop, dispatcher off: sent/s, p50 / p99", r -> trackSummary(r.track));
        row(
                out,
                results,
                "`/v1/track` open loop while the dispatcher drains the backlog: sent/s, p50 / p99",
                r -> trackSummary(r.trackWhileDispatching));
        row(
                out,
                results,
                "delivered triggers/s, intake idle (limit)",
                r -> String.format(
                        "%.1f/s (%.0f/s: %+.1f%%)%s",
                        r.deliveredWindow,
                        r.triggerLimit,
                        100 * (r.deliveredWindow - r.triggerLimit) / r.triggerLimit,
                        r.backlogRanOut ? ", the backlog ran out: not a rate" : ""));
        row(out, results, "all Novu calls/s in that window", r -> String.format("%.1f/s", r.allCallsWindow));
        row(
                out,
                results,
                "Switchboard's CPU per 1,000 events (`/v1/batch` / `/v1/track`) and per 1,000 Novu calls (dispatch)",
                r -> r.batch.cpu().perThousand() + " / " + r.trackCpu.perThousand() + " / "
                        + r.dispatchCpu.perThousand());
        row(
                out,
                results,
                "machine busy (`/v1/batch` / `/v1/track` / dispatch / `/v1/track` while dispatching)",
                r -> r.batch.cpu().machine() + " / " + r.trackCpu.machine() + " / " + r.dispatchCpu.machine() + " / "
                        + r.trackWhileDispatchingCpu.machine());
        row(out, results, "busiest second at Novu", r -> r.maxInOneSecond + " triggers");
        row(out, results, "Novu contract violations", r -> String.valueOf(r.contractViolations));
        row(out, results, "peak heap used / after GC (max 512 MB)", r -> r.heap.toString());
        row(
                out,
                results,
                "stored: messages (with not-matched decisions) / decision rows (matched, error) / outbox rows",
                r -> r.counts);
        return out.toString();
    }

    private static String trackSummary(Phase track) {
        return String.format(
                "%.0f/s, %.1f / %.1f ms%s",
                track.eventsPerSecond, track.p50, track.p99, track.errors == 0 ? "" : ", " + track.errors + " errors");
    }

    private static void row(
            StringBuilder out,
            List<BenchResult> results,
            String name,
            java.util.function.Function<BenchResult, String> f) {
        out.append("| ").append(name).append(" | ");
        out.append(String.join(" | ", results.stream().map(f).toList()));
        out.append(" |\n");
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** The phases to run ({@code --phases}), all by default. */
    private Set<String> phases() {
        return Set.of(option("phases", "parse,store,batch,track").split(","));
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, String.valueOf(fallback)));
    }

    private static List<Template> mix(Map<String, Template> samples, Map<String, Integer> percent) {
        List<Template> mix = new ArrayList<>();
        // Interleaved, so that every batch carries the same mix.
        int most = percent.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int round = 0; round < most; round++) {
            for (var entry : percent.entrySet()) {
                if (round < entry.getValue()) {
                    mix.add(samples.get(entry.getKey()));
                }
            }
        }
        return mix;
    }

    // ---------------------------------------------------------------------------------------------- parts

    /**
     * A sample with its messageId, userId, anonymousId and order id replaced per message (see {@link LoadIds}), so
     * every message is new.
     */
    static final class Template {
        private final List<String> parts = new ArrayList<>();
        private final LoadIds ids;
        private final String sampleAnonymousId;

        private Template(String json, LoadIds ids, String sampleAnonymousId) {
            for (String part : json.split("@@", -1)) {
                parts.add(part);
            }
            this.ids = ids;
            this.sampleAnonymousId = sampleAnonymousId;
        }

        static Template of(String sample, String now, LoadIds ids) {
            ObjectNode message =
                    (ObjectNode) JSON.readTree(dev.switchboard.support.SegmentSamples.text(sample + ".json"));
            message.put("messageId", "@@M@@");
            if (message.has("userId")) {
                message.put("userId", "@@U@@");
            }
            String anonymousId = message.path("anonymousId").asString(null);
            if (anonymousId != null) {
                message.put("anonymousId", "@@A@@");
            }
            for (String field : List.of("timestamp", "originalTimestamp", "sentAt", "receivedAt")) {
                if (message.has(field)) {
                    message.put(field, now);
                }
            }
            if (message.path("properties").has("order_id")) {
                // One order per message: the examples map it into the order rules' transactionId.
                ((ObjectNode) message.get("properties")).put("order_id", "o-@@M@@");
            }
            if (message.path("properties").path("user").has("subscriberId")) {
                ((ObjectNode) message.get("properties").get("user")).put("subscriberId", "@@U@@");
            }
            return new Template(message.toString(), ids, anonymousId);
        }

        String render(long seq) {
            StringBuilder out = new StringBuilder(1600);
            render(seq, out);
            return out.toString();
        }

        void render(long seq, StringBuilder out) {
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                if (i % 2 == 0) {
                    out.append(part);
                } else if (part.equals("M")) {
                    out.append(ids.messageId(seq));
                } else if (part.equals("A")) {
                    String anonymousId = ids.anonymousId(seq);
                    out.append(anonymousId != null ? anonymousId : sampleAnonymousId);
                } else {
                    out.append(ids.userId(seq));
                }
            }
        }
    }

    static final class Recorder {
        final List<Long> latencies = new ArrayList<>();
        final Map<String, Integer> errors = new LinkedHashMap<>();
        long events;

        synchronized void ok(long nanos, int count) {
            latencies.add(nanos);
            events += count;
        }

        synchronized void error(String what) {
            errors.merge(what, 1, Integer::sum);
        }
    }

    /** One measured phase. */
    static final class Phase {
        double eventsPerSecond;
        long events;
        double p50;
        double p99;
        long requests;
        long errors;
        Map<String, Integer> errorKinds = new LinkedHashMap<>();

        static Phase none() {
            Phase phase = new Phase();
            phase.eventsPerSecond = Double.NaN;
            phase.p50 = Double.NaN;
            phase.p99 = Double.NaN;
            return phase;
        }

        static Phase of(List<Recorder> recorders, double seconds) {
            Phase phase = new Phase();
            List<Long> all = new ArrayList<>();
            long events = 0;
            for (Recorder recorder : recorders) {
                synchronized (recorder) {
                    all.addAll(recorder.latencies);
                    events += recorder.events;
                    recorder.errors.forEach((k, v) -> phase.errorKinds.merge(k, v, Integer::sum));
                }
            }
            all.sort(null);
            phase.requests = all.size();
            phase.errors = phase.errorKinds.values().stream()
                    .mapToLong(Integer::longValue)
                    .sum();
            phase.eventsPerSecond = events / seconds;
            phase.events = events;
            phase.p50 = all.isEmpty() ? Double.NaN : all.get((int) (all.size() * 0.50)) / 1e6;
            phase.p99 = all.isEmpty() ? Double.NaN : all.get(Math.min(all.size() - 1, (int) (all.size() * 0.99))) / 1e6;
            return phase;
        }

        String summary() {
            return String.format(
                    "%,.0f (%.0f / %.0f ms)%s",
                    eventsPerSecond, p50, p99, errors == 0 ? "" : ", " + errors + " errors");
        }

        @Override
        public String toString() {
            return String.format(
                    "%,.0f events/s, %d requests, p50 %.1f ms, p99 %.1f ms, %d errors %s",
                    eventsPerSecond, requests, p50, p99, errors, errorKinds.isEmpty() ? "" : errorKinds);
        }
    }

    /**
     * CPU time from {@code /proc}: Switchboard's process (user + system), the load driver's, PostgreSQL's (every
     * process named {@code postgres}: the embedded server of this run is the only one) and the whole machine.
     * Throughput on a shared machine moves from run to run; the CPU a phase cost per event moves less, and tells
     * whether a change made the work cheaper, and where the rest of the machine went.
     */
    record Cpu(long switchboardTicks, long driverTicks, long databaseTicks, long machineBusyTicks, long machineTicks) {

        /** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
        private static final double TICKS_PER_SECOND = 100;

        static Cpu of(Server server) {
            try {
                long process = processTicks(server.pid());
                long driver = processTicks(ProcessHandle.current().pid());
                String[] all =
                        Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < all.length; i++) {
                    total += Long.parseLong(all[i]);
                }
                long idle = Long.parseLong(all[4]) + Long.parseLong(all[5]);
                return new Cpu(process, driver, postgresTicks(), total - idle, total);
            } catch (IOException | RuntimeException e) {
                return new Cpu(-1, -1, -1, -1, -1);
            }
        }

        private static long processTicks(long pid) throws IOException {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat"))
                    .replaceFirst("^.*\\) ", "")
                    .split(" ");
            // After "pid (comm) ": state is field 3, utime field 14 and stime field 15 of the whole line.
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }

        /**
         * PostgreSQL's server processes, the postmaster and every backend. A backend that exits between two
         * readings takes its CPU with it; the load keeps its pooled connections open for the whole phase.
         */
        private static long postgresTicks() {
            long ticks = 0;
            for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
                try {
                    if ("postgres"
                            .equals(Files.readString(Path.of("/proc/" + process.pid() + "/comm"))
                                    .trim())) {
                        ticks += processTicks(process.pid());
                    }
                } catch (IOException | RuntimeException e) {
                    // Gone since the listing: its CPU is no longer counted anywhere.
                }
            }
            return ticks;
        }

        Usage until(Cpu after, long events) {
            if (switchboardTicks < 0 || after.switchboardTicks < 0 || events <= 0) {
                return Usage.NONE;
            }
            double machine = after.machineTicks - machineTicks;
            return new Usage(
                    (after.switchboardTicks - switchboardTicks) / TICKS_PER_SECOND,
                    (after.driverTicks - driverTicks) / TICKS_PER_SECOND,
                    (after.databaseTicks - databaseTicks) / TICKS_PER_SECOND,
                    machine <= 0 ? Double.NaN : (after.machineBusyTicks - machineBusyTicks) / machine,
                    events);
        }

        /**
         * @param seconds Switchboard's CPU seconds over the phase (with H2 inside it)
         * @param driverSeconds the load driver's (this JVM's: clients, and the fake Novu when it answers)
         * @param databaseSeconds PostgreSQL's; 0 on H2
         * @param machineBusy the share of all the machine's cores that was busy (Switchboard, driver, fake Novu,
         *     PostgreSQL)
         */
        record Usage(double seconds, double driverSeconds, double databaseSeconds, double machineBusy, long events) {
            static final Usage NONE = new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

            String perThousand() {
                return events == 0 ? "n/a" : String.format("%.0f ms", 1000 * seconds * 1000 / events);
            }

            /** Switchboard's and the database's CPU per 1,000 events: what storing them cost the machine. */
            String withDatabasePerThousand() {
                return events == 0
                        ? "n/a"
                        : String.format(
                                "%.0f + %.0f ms",
                                1000 * seconds * 1000 / events, 1000 * databaseSeconds * 1000 / events);
            }

            String machine() {
                return Double.isNaN(machineBusy) ? "n/a" : String.format("%.0f%%", 100 * machineBusy);
            }

            @Override
            public String toString() {
                return events == 0
                        ? ""
                        : String.format(
                                "[Switchboard CPU %.1f s, %s per 1,000; PostgreSQL %.0f ms per 1,000; driver %.0f ms"
                                        + " per 1,000; machine %s busy]",
                                seconds,
                                perThousand(),
                                1000 * databaseSeconds * 1000 / events,
                                1000 * driverSeconds * 1000 / events,
                                machine());
            }
        }
    }

    private static long walPerEvent(long before, long after, long events) {
        return before < 0 || after < 0 || events <= 0 ? -1 : (after - before) / events;
    }

    static final class BenchResult {
        final String db;
        int rules;
        Phase parseFloor;
        // with their CPU and PostgreSQL's write-ahead log per stored event (-1 on H2)
        Measured storeFloor = Measured.NONE;
        Measured batch = Measured.NONE;
        Phase track;
        // /v1/batch's share of the storage floor in each round (--rounds), the first pair's first.
        final List<Double> shares = new ArrayList<>();
        Cpu.Usage trackCpu = Cpu.Usage.NONE;
        Cpu.Usage dispatchCpu = Cpu.Usage.NONE;
        Phase trackWhileDispatching = Phase.none();
        Cpu.Usage trackWhileDispatchingCpu = Cpu.Usage.NONE;
        double triggerLimit;
        double deliveredWindow;
        boolean backlogRanOut;
        double allCallsWindow;
        int maxInOneSecond;
        int triggersSent;
        int contractViolations;
        Heap heap;
        String counts;

        /** With {@code --rounds}: every round's share and their median. */
        String roundsSummary() {
            if (shares.size() < 2) {
                return "";
            }
            List<Double> sorted = new ArrayList<>(shares);
            sorted.sort(null);
            int middle = sorted.size() / 2;
            double median =
                    sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            return String.format(
                    " (%d rounds: %s; median %.0f%%)",
                    shares.size(),
                    String.join(
                            ", ",
                            shares.stream()
                                    .map(share -> String.format("%.0f%%", 100 * share))
                                    .toList()),
                    100 * median);
        }

        BenchResult(String db) {
            this.db = db;
        }
    }

    /** Acknowledged message ranges and the batches that got no answer, with their bodies for a re-send. */
    static final class Acks {
        record Batch(long first, int count, byte[] body) {
            long[] range() {
                return new long[] {first, first + count};
            }
        }

        final ConcurrentLinkedQueue<long[]> acked = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Batch> failed = new ConcurrentLinkedQueue<>();
    }

    /** Heap figures from the unified GC log: the most used before a collection and the most left after one. */
    record Heap(long peakMb, long afterGcMb, long committedMb) {
        static Heap of(Path gcLog) throws IOException {
            long peak = 0;
            long after = 0;
            long committed = 0;
            if (Files.exists(gcLog)) {
                for (String line : Files.readAllLines(gcLog)) {
                    Matcher m = GC_LINE.matcher(line);
                    if (m.find()) {
                        peak = Math.max(peak, Long.parseLong(m.group(1)));
                        after = Math.max(after, Long.parseLong(m.group(2)));
                        committed = Math.max(committed, Long.parseLong(m.group(3)));
                    }
                }
            }
            return new Heap(peak, after, committed);
        }

        static Heap max(Heap one, Heap other) {
            return new Heap(
                    Math.max(one.peakMb, other.peakMb),
                    Math.max(one.afterGcMb, other.afterGcMb),
                    Math.max(one.committedMb, other.committedMb));
        }

        @Override
        public String toString() {
            return peakMb + " / " + afterGcMb + " MB";
        }
    }

    /** The database under test: H2 file as users get it, or a PostgreSQL with stock durability. */
    abstract static class Database implements AutoCloseable {
        abstract String url();

        abstract String user();

        static final String DEFAULT_H2_URL = defaultH2Url();

        private static String defaultH2Url() {
            var properties = new java.util.Properties();
            try (var in = IntakeLoad.class.getResourceAsStream("/application.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties.getProperty("spring.datasource.url");
        }

        /**
         * Extra H2 URL settings ({@code --h2-settings ";CACHE_SIZE=65536"}), replacing the default URL's setting of
         * the same name (H2 refuses a URL that names one twice); none by default, as users get it.
         */
        static String h2Settings = "";

        /** The URL with each {@code ;NAME=value} of the settings in place of its own setting of that name. */
        static String withSettings(String url, String settings) {
            String result = url;
            for (String setting : settings.split(";")) {
                if (setting.isBlank()) {
                    continue;
                }
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    String name = setting.substring(0, equals + 1);
                    result = result.replaceAll("(?i);" + Pattern.quote(name) + "[^;]*", "");
                }
                result = result + ";" + setting;
            }
            return result;
        }

        /** Extra PostgreSQL URL parameters ({@code --pg-settings "&reWriteBatchedInserts=true"}); none by default. */
        static String pgSettings = "";

        /**
         * Extra PostgreSQL server settings ({@code --pg-server-settings "backend_flush_after=256kB,x=y"}); none by
         * default: the server as a stock installation has it, but for {@code synchronous_commit} and {@code fsync}.
         */
        static String pgServerSettings = "";

        /**
         * How many of PostgreSQL's costliest statements to print after each measured intake phase ({@code
         * --pg-statements 6}, from {@code pg_stat_statements}); 0, the default, loads no extension. The lookup that
         * read a whole source's marks (load/HISTORY.md, 2026-11-30) showed only there.
         */
        static int pgStatements;

        static Database create(String kind, Path dir) throws IOException {
            Files.createDirectories(dir);
            if (kind.equals("h2")) {
                return new Database() {
                    @Override
                    String url() {
                        // The default URL as users get it (application.properties), only the folder differs.
                        return withSettings(
                                DEFAULT_H2_URL.replace(
                                        "./data/switchboard",
                                        dir.resolve("switchboard").toString()),
                                h2Settings);
                    }

                    @Override
                    String user() {
                        return "sa";
                    }

                    @Override
                    public void close() {}
                };
            }
            if (kind.equals("postgres")) {
                // zonky turns synchronous_commit off for tests; a stock server (and this run) has it on.
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("fsync", "on")
                        .setDataDirectory(dir.resolve("pgdata"))
                        .setCleanDataDirectory(true);
                if (pgStatements > 0) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                }
                for (String setting : pgServerSettings.split(",")) {
                    if (!setting.isBlank()) {
                        String[] nameValue = setting.split("=", 2);
                        if (nameValue.length != 2) {
                            throw new IllegalArgumentException(
                                    "--pg-server-settings wants name=value pairs, got: " + setting);
                        }
                        builder.setServerConfig(nameValue[0].trim(), nameValue[1].trim());
                    }
                }
                EmbeddedPostgres server = builder.start();
                try (Connection connection = server.getPostgresDatabase().getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("create database switchboard");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                String url = server.getJdbcUrl("postgres", "switchboard") + pgSettings;
                if (pgStatements > 0) {
                    try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                            Statement statement = connection.createStatement()) {
                        statement.execute("create extension pg_stat_statements");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return new Database() {
                    @Override
                    String url() {
                        return url;
                    }

                    @Override
                    String user() {
                        return "postgres";
                    }

                    @Override
                    public void close() throws IOException {
                        server.close();
                    }
                };
            }
            throw new IllegalArgumentException("--db is h2 or postgres, not " + kind);
        }

        /** H2 runs inside Switchboard: no server of its own to ask about its log or its vacuum. */
        boolean h2() {
            return user().equals("sa");
        }

        String password() {
            return h2() ? "" : "postgres";
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), user(), password());
        }

        String counts() throws SQLException {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                // Since V50 the rules that did not match are a column on the message row, not decision rows.
                return String.format(
                        "%,d (%,d) / %,d / %,d",
                        single(s, "select count(*) from event_message"),
                        single(s, "select count(*) from event_message where unmatched_decisions is not null"),
                        single(s, "select count(*) from rule_decision"),
                        single(s, "select count(*) from delivery"));
            }
        }

        /**
         * Where PostgreSQL's write-ahead log stands, in bytes; -1 on H2. Every row and index entry a phase writes
         * goes through it, so its growth per event measures the database's share of the work without the noise of
         * a shared machine's timings.
         */
        long walPosition() throws SQLException {
            if (h2()) {
                return -1;
            }
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                return single(s, "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
            }
        }

        /**
         * Each of intake's tables and indexes on PostgreSQL with its size per stored message: where the bytes (and the
         * write-ahead log that carried them) went, whatever the machine's speed. Empty on H2.
         */
        String sizesPerMessage() throws SQLException {
            if (h2()) {
                return "";
            }
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                long messages = single(s, "select count(*) from event_message");
                if (messages == 0) {
                    return "";
                }
                List<String> sizes = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("select c.relname, pg_relation_size(c.oid) from pg_class c"
                        + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"
                        + " and c.relkind in ('r', 'i') and pg_relation_size(c.oid) >= 8192 * 16"
                        + " and c.relname not like '%load_floor%' order by 2 desc")) {
                    while (rs.next()) {
                        sizes.add(String.format("%s %,d", rs.getString(1), rs.getLong(2) / messages));
                    }
                }
                return String.format("bytes per stored message (%,d messages): %s", messages, String.join(", ", sizes));
            }
        }

        /**
         * PostgreSQL's autovacuum runs (vacuum or analyze, per table) that ended since {@code since}: they take CPU
         * from whatever phase they fall in. Empty on H2.
         */
        String autovacuumSince(OffsetDateTime since) throws SQLException {
            if (h2()) {
                return "";
            }
            List<String> runs = new ArrayList<>();
            try (Connection c = connect();
                    var s = c.prepareStatement("select relname, last_autovacuum, last_autoanalyze"
                            + " from pg_stat_user_tables where last_autovacuum >= ? or last_autoanalyze >= ?"
                            + " order by relname")) {
                s.setObject(1, since);
                s.setObject(2, since);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        // When each ended, in seconds into the phase: to line up with its slow seconds.
                        runs.add(rs.getString(1)
                                + ended(" vacuum", rs.getObject(2, OffsetDateTime.class), since)
                                + ended(" analyze", rs.getObject(3, OffsetDateTime.class), since));
                    }
                }
            }
            return runs.isEmpty() ? " [no autovacuum]" : " [autovacuum: " + String.join(", ", runs) + "]";
        }

        /** Starts {@code pg_stat_statements} afresh, when {@code --pg-statements} asked for it. */
        void forgetStatements() throws SQLException {
            if (h2() || pgStatements == 0) {
                return;
            }
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("select pg_stat_statements_reset()");
            }
        }

        /**
         * PostgreSQL's costliest statements since {@link #forgetStatements()}, one line each: execution time per
         * 1,000 events and its share, calls, time and shared buffers per call, the statement's start. Empty unless
         * {@code --pg-statements} asked for them.
         */
        String costliestStatements(String path, long events) throws SQLException {
            if (h2() || pgStatements == 0 || events == 0) {
                return "";
            }
            StringBuilder out = new StringBuilder("  PostgreSQL's costliest statements during " + path + ":\n");
            try (Connection c = connect();
                    var s = c.prepareStatement("select total_exec_time, sum(total_exec_time) over (), calls,"
                            + " shared_blks_hit + shared_blks_read, regexp_replace(query, '\\s+', ' ', 'g')"
                            + " from pg_stat_statements order by total_exec_time desc limit ?")) {
                s.setInt(1, pgStatements);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        double millis = rs.getDouble(1);
                        long calls = rs.getLong(3);
                        out.append(String.format(
                                "    %,.1f ms per 1,000 events (%.0f%%), %,d calls, %.2f ms and %,d buffers per call: %s%n",
                                millis * 1000 / events,
                                100 * millis / rs.getDouble(2),
                                calls,
                                millis / calls,
                                rs.getLong(4) / calls,
                                start(rs.getString(5))));
                    }
                }
            }
            return out.toString();
        }

        /** Enough of a statement to tell it from the others. */
        private static String start(String statement) {
            return statement.length() <= 100 ? statement : statement.substring(0, 100) + "…";
        }

        /** Checkpoints PostgreSQL completed so far (by time or by write-ahead log volume); 0 on H2. */
        long checkpoints() throws SQLException {
            if (h2()) {
                return 0;
            }
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                return single(s, "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter");
            }
        }

        /**
         * Checkpoints completed since {@link #checkpoints()} said {@code before}: a checkpoint writes every dirty
         * page and syncs the files, and commits (each a WAL flush) wait behind that I/O. Empty on H2.
         */
        String checkpointsSince(long before) throws SQLException {
            if (h2()) {
                return "";
            }
            long since = checkpoints() - before;
            return since == 0 ? " [no checkpoint]" : " [checkpoints: " + since + "]";
        }

        private static String ended(String what, @Nullable OffsetDateTime at, OffsetDateTime since) {
            return at == null || at.isBefore(since)
                    ? ""
                    : what + " (ended at " + Duration.between(since, at).toSeconds() + " s)";
        }

        Set<String> messageIds() throws SQLException {
            Set<String> ids = new HashSet<>();
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select message_id from event_message where source = 'load'")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }

        /** Delivered trigger rows: id to transactionId. */
        Map<String, String> deliveredTriggers() throws SQLException {
            Map<String, String> rows = new HashMap<>();
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, transaction_id from delivery where path = '" + TRIGGER
                            + "' and status = 'delivered'")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                }
            }
            return rows;
        }

        List<String> allTriggerTransactions() throws SQLException {
            List<String> ids = new ArrayList<>();
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("select transaction_id from delivery where path = '" + TRIGGER + "'")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }

        /** Rows that were due and are still waiting or claimed: the dispatcher did not finish. */
        long dueLeft() throws SQLException {
            try (Connection c = connect();
                    var s = c.prepareStatement(
                            "select count(*) from delivery where status in ('pending', 'sending') and due_at <= ?")) {
                s.setObject(1, OffsetDateTime.now().minusSeconds(30));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private static long single(Statement s, String sql) throws SQLException {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Switchboard in its own JVM, as users run it, with the load-floors profile and a GC log. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        long pid() {
            return process.pid();
        }

        static Server start(IntakeLoad load, Database db, FakeNovu novu, double triggerRate, Path gcLog, Path log)
                throws IOException, InterruptedException {
            return start(load, db, novu, triggerRate, gcLog, log, true);
        }

        /** @param dispatch whether the dispatcher runs ({@code switchboard.dispatch.enabled}) */
        static Server start(
                IntakeLoad load, Database db, FakeNovu novu, double triggerRate, Path gcLog, Path log, boolean dispatch)
                throws IOException, InterruptedException {
            List<String> jvmArgs =
                    new ArrayList<>(List.of("-Xmx" + load.option("heap", "512m"), "-Xlog:gc:file=" + gcLog));
            for (String extra : load.option("jvm-args", "").split(" ")) {
                if (!extra.isBlank()) {
                    // {run} names the JVM, so that the intake and the dispatch run each keep their own recording
                    jvmArgs.add(extra.replace("{run}", dispatch ? "dispatch" : "intake"));
                }
            }
            List<String> appArgs = new ArrayList<>(List.of(
                    "--spring.profiles.active=load-floors",
                    "--switchboard.ingest.write-keys=load:" + WRITE_KEY,
                    "--switchboard.novu.base-url=" + novu.baseUrl(),
                    "--switchboard.novu.api-key=" + FakeNovu.API_KEY,
                    "--switchboard.dispatch.workers=" + load.option("workers", "16"),
                    "--switchboard.dispatch.poll-interval=" + load.option("poll-interval", "100ms"),
                    "--switchboard.dispatch.rate-limit.trigger=" + triggerRate,
                    "--switchboard.dispatch.rate-limit.configuration=" + triggerRate,
                    "--switchboard.dispatch.rate-limit.global=" + triggerRate,
                    "--switchboard.dispatch.lease=" + load.option("lease", "2m"),
                    "--switchboard.dispatch.enabled=" + dispatch));
            appArgs.addAll(load.schema.applicationArguments());
            for (String extra : load.option("app-args", "").split(" ")) {
                if (!extra.isBlank()) {
                    appArgs.add(extra);
                }
            }
            return start(db, jvmArgs, appArgs, log);
        }

        /**
         * Switchboard on {@code db} on a free port of 127.0.0.1, with the admin {@code admin} /
         * {@link IntakeLoad#ADMIN_PASSWORD}, WARN logs to {@code log}, the JVM options and application arguments given;
         * returns once {@code /actuator/health} answers 200 (at most 180 s).
         */
        static Server start(Database db, List<String> jvmArgs, List<String> appArgs, Path log)
                throws IOException, InterruptedException {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmArgs);
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.switchboard.SwitchboardApplication",
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(),
                    "--switchboard.admin.username=admin",
                    "--switchboard.admin.password=" + ADMIN_PASSWORD,
                    "--logging.level.root=WARN"));
            command.addAll(appArgs);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Server server = new Server(process, port);
            HttpClient http = client();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Switchboard exited during start-up; see " + log);
                }
                try {
                    var response = http.send(
                            HttpRequest.newBuilder(URI.create(server.url("/actuator/health")))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        System.out.printf("Switchboard pid %d up on port %d%n", process.pid(), port);
                        return server;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            process.destroyForcibly();
            throw new IllegalStateException("Switchboard did not start within 180 s; see " + log);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        int port() {
            return port;
        }

        /** SIGKILL: no shutdown hook, no graceful stop. */
        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                System.out.printf("Switchboard pid %d killed (SIGKILL)%n", process.pid());
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
