package dev.switchboard.bench;

import dev.switchboard.message.IsoTimes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The timestamps intake reads and writes for one message sent by a library: its timestamp and sentAt read (each
 * twice: checked, then used), receivedAt and the corrected timestamp written. Once with the JDK's
 * {@code OffsetDateTime.parse} and {@code Instant.toString}, as intake did, once with {@link IsoTimes}.
 * Run with {@code java -cp ... org.openjdk.jmh.Main IsoTimesBenchmark} (classpath as in
 * {@code benchmarks/run-rules.sh}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class IsoTimesBenchmark {

    private final String timestamp = "2026-11-28T10:15:30.123Z";
    private final String sentAt = "2026-11-28T10:15:31.456+01:00";
    private final Instant receivedAt = Instant.parse("2026-11-28T09:15:32.789Z");

    @Benchmark
    public long jdk() {
        long sum = 0;
        for (int i = 0; i < 2; i++) {
            sum += OffsetDateTime.parse(timestamp).toInstant().getNano();
            sum += OffsetDateTime.parse(sentAt).toInstant().getNano();
        }
        return sum
                + receivedAt.toString().length()
                + receivedAt.minusMillis(3).toString().length();
    }

    @Benchmark
    public long isoTimes() {
        long sum = 0;
        for (int i = 0; i < 2; i++) {
            sum += IsoTimes.parse(timestamp).getNano();
            sum += IsoTimes.parse(sentAt).getNano();
        }
        return sum
                + IsoTimes.format(receivedAt).length()
                + IsoTimes.format(receivedAt.minusMillis(3)).length();
    }
}
