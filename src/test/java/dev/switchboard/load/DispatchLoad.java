package dev.switchboard.load;

import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.FakeNovu;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dispatch under load: starts a fake Novu on 127.0.0.1 and Switchboard on an H2 file in a temporary folder,
 * writes a backlog of deliveries into the outbox the way intake does, and measures what reaches Novu:
 * sustained rate, the most requests in any one-second window, and how long the backlog took. Exits 1 unless the
 * rate was held within 2% of the configured limit (issue #4) and everything was delivered. Run with
 * {@code load/run.sh [--deliveries N] [--trigger-rate R] [--workers W] [--latency-ms L] [--users U]
 * [--warmup-deliveries N]}. Bounded: it stops by itself once the backlog is out or after a time limit.
 */
public final class DispatchLoad {

    /** A backlog falls due this long after it is written (see {@link #drain}). */
    private static final Duration BACKLOG_DUE_AFTER = Duration.ofSeconds(3);

    private DispatchLoad() {}

    public static void main(String[] args) throws Exception {
        // Switchboard runs in this JVM: set up what its own main sets up first.
        SwitchboardApplication.poolCompletionsOnSmallMachines();
        Map<String, String> options = options(args);
        int deliveries = Integer.parseInt(options.getOrDefault("deliveries", "1200"));
        double rate = Double.parseDouble(options.getOrDefault("trigger-rate", "60"));
        int workers = Integer.parseInt(options.getOrDefault("workers", "8"));
        int latency = Integer.parseInt(options.getOrDefault("latency-ms", "20"));
        int users = Integer.parseInt(options.getOrDefault("users", "400"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-deliveries", String.valueOf(deliveries / 3)));
        Path data = Files.createTempDirectory("switchboard-load");

        try (FakeNovu novu = FakeNovu.start().latency(latency);
                var app = new SpringApplicationBuilder(SwitchboardApplication.class)
                        .profiles("test")
                        .run(
                                "--server.port=0",
                                // The durability and page cache users get by default (application.properties):
                                // every commit reaches the file before it returns.
                                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("switchboard")
                                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=4096",
                                "--switchboard.dispatch.enabled=true",
                                "--switchboard.dispatch.poll-interval=50ms",
                                "--switchboard.dispatch.workers=" + workers,
                                "--switchboard.dispatch.rate-limit.trigger=" + rate,
                                "--switchboard.novu.base-url=" + novu.baseUrl(),
                                "--switchboard.novu.api-key=" + FakeNovu.API_KEY,
                                "--logging.level.root=WARN")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            // A first backlog, not measured: a freshly started JVM needs seconds of load before the JIT has
            // compiled the dispatch path, and the issue asks for the rate held, not for a cold start.
            drain(app, novu, jdbc, warmup, users, rate, 0);
            int before = novu.received("POST", "/v1/events/trigger").size();
            long written = System.nanoTime();
            long cpuBefore = drain(app, novu, jdbc, deliveries, users, rate, warmup);
            long done = System.nanoTime();
            long cpu = processCpuNanos() - cpuBefore;

            List<Long> all = novu.received("POST", "/v1/events/trigger").stream()
                    .map(FakeNovu.Received::receivedNanos)
                    .sorted()
                    .toList();
            List<Long> arrivals = all.subList(before, all.size());
            int maxWindow = IntakeLoad.maxInOneSecond(arrivals);
            double span = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
            double sustained = (arrivals.size() - 1) / span;
            long delivered = jdbc.sql("select count(*) from delivery where status = 'delivered'")
                            .query(Long.class)
                            .single()
                    - warmup;
            System.out.printf(
                    "deliveries=%d delivered=%d limit=%.0f/s sustained=%.1f/s max-in-1s=%d backlog-drained-in=%.1fs"
                            + " contract-violations=%d%n",
                    deliveries,
                    delivered,
                    rate,
                    sustained,
                    maxWindow,
                    (done - written) / 1e9 - BACKLOG_DUE_AFTER.toSeconds(),
                    novu.violations().size());
            // Issue #4: dispatch holds the configured rate within 2%: never more than 2% over it in any second
            // at Novu, and (once the backlog lasts long enough to measure) sustained no more than 2% under it.
            boolean busiestWithin = maxWindow <= Math.floor(rate * 1.02);
            boolean sustainedWithin = span < 5 || sustained >= rate * 0.98;
            System.out.println("per second: " + perSecond(arrivals));
            // The rate is capped by the limit; what a change to dispatch saves shows as CPU per delivery, which
            // moves much less than throughput from run to run on a shared machine.
            System.out.printf(
                    "CPU from the backlog written to the last delivery recorded (Switchboard and the fake Novu, one"
                            + " JVM): %.1f s,"
                            + " %.2f ms per delivery%n",
                    cpu / 1e9, cpu / 1e6 / deliveries);
            System.out.printf(
                    "busiest second %+.1f%% of the limit, sustained %+.1f%%%n",
                    100 * (maxWindow - rate) / rate, 100 * (sustained - rate) / rate);
            boolean held = busiestWithin
                    && sustainedWithin
                    && delivered == deliveries
                    && novu.violations().isEmpty();
            System.out.println(held ? "RESULT: rate held" : "RESULT: FAILED");
            if (!held) {
                System.exit(1);
            }
        }
    }

    /**
     * Writes {@code count} trigger deliveries in one transaction and waits until all are out. They fall due a few
     * seconds after they are written: a backlog that is already there when dispatch comes to it (after an outage,
     * or a delay), rather than one whose single 15,000-row commit, which intake never makes, is still being
     * written to the file while dispatch starts on it and takes its CPU.
     *
     * @return the process's CPU time once the backlog was written
     */
    private static long drain(
            ConfigurableApplicationContext app,
            FakeNovu novu,
            JdbcClient jdbc,
            int count,
            int users,
            double rate,
            int alreadyDone) {
        Instant due = Instant.now().plus(BACKLOG_DUE_AFTER);
        List<Deliveries> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(Deliveries.trigger("load-" + (i % 7), "load-user-" + (i % users))
                    .dueAt(due));
        }
        long writing = System.nanoTime();
        app.getBean(TransactionTemplate.class).executeWithoutResult(status -> rows.forEach(row -> row.insert(jdbc)));
        double written = (System.nanoTime() - writing) / 1e9;
        long cpuWritten = processCpuNanos();
        if (Instant.now().isAfter(due)) {
            System.out.printf(
                    "note: writing the backlog took %.1f s, longer than the %d s before it is due%n",
                    written, BACKLOG_DUE_AFTER.toSeconds());
        }
        Duration limit = Duration.ofSeconds((long) (count / (rate * 0.9)) + 60);
        // Watched at the fake Novu, in memory: counting finished rows in the database every 200 ms took a few
        // percent of the CPU that dispatch needs on 2 cores. The database is asked once the calls are in.
        int calls = novu.received().size();
        await().atMost(limit)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> novu.received().size() >= calls + count);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from delivery where status in ('delivered', 'dead', 'failed')")
                                .query(Integer.class)
                                .single()
                        == alreadyDone + count);
        return cpuWritten;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Requests per whole second from the first arrival: shows whether the rate is steady or comes in waves. */
    private static List<Integer> perSecond(List<Long> arrivals) {
        List<Integer> counts = new ArrayList<>();
        for (long arrival : arrivals) {
            int second = (int) ((arrival - arrivals.get(0)) / 1_000_000_000L);
            while (counts.size() <= second) {
                counts.add(0);
            }
            counts.set(second, counts.get(second) + 1);
        }
        return counts;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
