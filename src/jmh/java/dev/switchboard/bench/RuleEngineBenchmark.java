package dev.switchboard.bench;

import ch.qos.logback.classic.Level;
import dev.switchboard.mapping.ActionCompiler;
import dev.switchboard.rules.CompiledRule;
import dev.switchboard.rules.Evaluation;
import dev.switchboard.rules.MvelSettings;
import dev.switchboard.rules.RuleCompiler;
import dev.switchboard.rules.RuleSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.RuleListener;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngineParameters;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.mvel.MVELRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of routing one realistic event ({@code track-order-completed.json}, an {@code Order Completed} track
 * event of about 2 KB) through 10 to 10,000 published rules, next to the floor (Jackson parsing the same bytes
 * into the message tree) and a peer (Easy Rules holding the equivalent MVEL rules). Run with
 * {@code benchmarks/run-rules.sh}.
 *
 * <p>The warmup is long on purpose: rendering a matched rule's actions reaches Jackson's serializers, SHA-256
 * and MVEL, and on a busy 2-core machine the JIT needs well over ten seconds before evaluation is steady.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleEngineBenchmark {

    static final String EVENT = "/segment/track-order-completed.json";

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The event as intake receives it, and parsed as intake parses it. */
    @State(Scope.Benchmark)
    public static class Event {
        byte[] bytes;
        Map<String, Object> message;

        @Setup
        public void load() {
            bytes = eventBytes();
            message = parse(bytes);
        }
    }

    /** The published rules as the live snapshot holds them. */
    @State(Scope.Benchmark)
    public static class Switchboard {
        @Param({"10", "100", "1000", "10000"})
        public int rules;

        RuleSnapshot snapshot;

        @Setup
        public void compile() {
            snapshot = snapshot(rules);
        }
    }

    /** The explain-mode figure is taken at one size: 1,000 rules. */
    @State(Scope.Benchmark)
    public static class SwitchboardExplain {
        @Param({"1000"})
        public int explainRules;

        RuleSnapshot snapshot;

        @Setup
        public void compile() {
            snapshot = snapshot(explainRules);
        }
    }

    /** The same rules in Easy Rules: one MVELRule each, every rule considered (no skipping). */
    @State(Scope.Benchmark)
    public static class EasyRules {
        @Param({"10", "100", "1000", "10000"})
        public int easyRules;

        Rules rules;
        DefaultRulesEngine engine;

        @Setup
        public void build(Event event) {
            quietLogging();
            rules = easyRules(easyRules);
            engine = easyRulesEngine();
            int expected = matchedBySwitchboard(easyRules, event.message);
            int matched = matchedByEasyRules(rules, event.message);
            if (matched != expected) {
                throw new IllegalStateException("Easy Rules matched " + matched + " rules, Switchboard " + expected
                        + ": the rule sets are not equivalent");
            }
        }
    }

    /** The floor: Jackson 3 reading the event bytes into the {@code Map} tree the engine evaluates. */
    @Benchmark
    public Map<String, Object> parseEvent(Event event) {
        return parse(event.bytes);
    }

    /** The hot path: candidate lookup, conditions, and rendering the actions of the rules that match. */
    @Benchmark
    public Evaluation evaluate(Event event, Switchboard switchboard) {
        return switchboard.snapshot.evaluate(event.message, false);
    }

    /** What intake runs: the same with an explanation per rule considered. */
    @Benchmark
    public Evaluation evaluateExplain(Event event, SwitchboardExplain switchboard) {
        return switchboard.snapshot.evaluate(event.message, true);
    }

    /** Easy Rules: facts from the parsed message, then every rule's condition (and a no-op action on match). */
    @Benchmark
    public Facts easyRules(Event event, EasyRules easy) {
        Facts facts = facts(event.message);
        easy.engine.fire(easy.rules, facts);
        return facts;
    }

    static byte[] eventBytes() {
        try (InputStream in = RuleEngineBenchmark.class.getResourceAsStream(EVENT)) {
            if (in == null) {
                throw new IllegalStateException(EVENT + " is not on the classpath (it is a test resource)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(byte[] bytes) {
        return JSON.readValue(bytes, Map.class);
    }

    static RuleSnapshot snapshot(int count) {
        RuleCompiler compiler = new RuleCompiler(new ActionCompiler()::compile, MvelSettings.ON);
        List<CompiledRule> compiled = new ArrayList<>(count);
        for (GeneratedRules.Rule rule : GeneratedRules.generate(count)) {
            compiled.add(compiler.compile(rule.json(), 1));
        }
        return RuleSnapshot.live(compiled);
    }

    static Rules easyRules(int count) {
        Rules rules = new Rules();
        for (GeneratedRules.Rule rule : GeneratedRules.generate(count)) {
            rules.register(
                    new MVELRule().name(rule.key()).priority(rule.priority()).when(rule.mvelCondition()));
        }
        return rules;
    }

    static DefaultRulesEngine easyRulesEngine() {
        return new DefaultRulesEngine(new RulesEngineParameters().skipOnFirstAppliedRule(false));
    }

    static Facts facts(Map<String, Object> message) {
        Facts facts = new Facts();
        message.forEach((name, value) -> {
            if (value != null) {
                facts.put(name, value);
            }
        });
        return facts;
    }

    static int matchedBySwitchboard(int count, Map<String, Object> message) {
        return snapshot(count).evaluate(message, false).matched().size();
    }

    /** Fires once with a listener that counts matches and fails on any condition error (an unfair slow path). */
    static int matchedByEasyRules(Rules rules, Map<String, Object> message) {
        AtomicInteger matched = new AtomicInteger();
        DefaultRulesEngine engine = easyRulesEngine();
        engine.registerRuleListener(new RuleListener() {
            @Override
            public void afterEvaluate(Rule rule, Facts facts, boolean evaluationResult) {
                if (evaluationResult) {
                    matched.incrementAndGet();
                }
            }

            @Override
            public void onEvaluationError(Rule rule, Facts facts, Exception exception) {
                throw new IllegalStateException("Easy Rules could not evaluate " + rule.getName(), exception);
            }
        });
        engine.fire(rules, facts(message));
        return matched.get();
    }

    /** Easy Rules logs every rule at debug level; without a Spring context logback would print it all. */
    static void quietLogging() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
    }
}
