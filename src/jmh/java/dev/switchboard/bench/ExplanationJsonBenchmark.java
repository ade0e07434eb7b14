package dev.switchboard.bench;

import dev.switchboard.message.CompactJson;
import dev.switchboard.rules.Explanation;
import dev.switchboard.rules.ExplanationJson;
import dev.switchboard.rules.RuleOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * What intake writes for one message besides its rows: the stored message and the explanation of every rule it
 * met ({@code track-order-completed.json} against the 100 generated rules of {@link RuleEngineBenchmark}), once
 * with Jackson's {@code writeValueAsString} as intake did, once with the hand-written writers it uses now.
 * Run with {@code java -cp ... org.openjdk.jmh.Main ExplanationJsonBenchmark} (see {@code benchmarks/run-rules.sh}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExplanationJsonBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @State(Scope.Benchmark)
    public static class Message {
        Map<String, Object> tree;
        List<Explanation> explanations;

        @Setup
        public void evaluate() {
            tree = RuleEngineBenchmark.parse(RuleEngineBenchmark.eventBytes());
            explanations = RuleEngineBenchmark.snapshot(100).evaluate(tree, true).outcomes().stream()
                    .map(RuleOutcome::trace)
                    .filter(Objects::nonNull)
                    .toList();
            if (explanations.isEmpty()) {
                throw new IllegalStateException("the event met no rule: nothing to write");
            }
            for (Explanation explanation : explanations) {
                if (!ExplanationJson.write(explanation).equals(JSON.writeValueAsString(explanation))) {
                    throw new IllegalStateException("the writers disagree on " + explanation);
                }
            }
        }
    }

    @Benchmark
    public int jackson(Message message) {
        int length = JSON.writeValueAsString(message.tree).length();
        for (Explanation explanation : message.explanations) {
            length += JSON.writeValueAsString(explanation).length();
        }
        return length;
    }

    @Benchmark
    public int byHand(Message message) {
        int length = CompactJson.write(message.tree).length();
        for (Explanation explanation : message.explanations) {
            length += ExplanationJson.write(explanation).length();
        }
        return length;
    }
}
