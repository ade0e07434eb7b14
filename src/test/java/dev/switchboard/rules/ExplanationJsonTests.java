package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.Explanation.ExpressionTrace;
import dev.switchboard.rules.Explanation.FilterTrace;
import dev.switchboard.rules.Explanation.FoundValue;
import dev.switchboard.rules.Explanation.GroupTrace;
import dev.switchboard.rules.Explanation.PathTrace;
import dev.switchboard.support.SegmentSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The hand-written writer must give the bytes Jackson gives for the records: the audit log, the event page and
 * the API read stored explanations back, and explanations stored before it was written must read the same.
 */
class ExplanationJsonTests {

    @Test
    @SuppressWarnings("unchecked")
    void writesTheExplanationOfEveryExampleRuleOnEverySampleAsJacksonDoes() throws IOException {
        List<CompiledRule> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("rules-examples"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                rules.add(TestRules.compiler().compile(TestRules.JSON.readTree(Files.readString(file)), 1));
            }
        }
        List<String> samples = SegmentSamples.names();
        int compared = 0;
        for (String sample : samples) {
            Map<String, Object> message = TestRules.JSON.readValue(SegmentSamples.text(sample), Map.class);
            for (CompiledRule rule : rules) {
                Explanation trace = rule.evaluate(message, true).trace();
                assertThat(ExplanationJson.write(trace))
                        .as("%s on %s", rule.key(), sample)
                        .isEqualTo(TestRules.JSON.writeValueAsString(trace));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(samples.size() * rules.size()).isGreaterThan(100);
    }

    @Test
    void writesEveryKindOfPartAndValueAsJacksonDoes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("sku", "A-1 \"quoted\" \\ back\nline\u0001");
        nested.put("sizes", List.of(1, 2.5, -0.0, 1e300, Long.MAX_VALUE, true));
        nested.put("none", null);
        List<JsonNode> expectations = List.of(
                TestRules.JSON.readTree("\"text with \\\"quotes\\\" and é中😀\""),
                TestRules.json("12.50"),
                TestRules.json("123456789012345678901234567890"),
                TestRules.json("1e-7"),
                TestRules.json("['a', 1, null, {'k': [true]}]"),
                TestRules.json("{'nested': {'deep': 'x'}}"),
                TestRules.json("-42"),
                TestRules.json("9007199254740993"),
                TestRules.json("0.1"),
                TestRules.json("true"),
                TestRules.json("null"),
                TestRules.json("[]"),
                TestRules.json("{}"),
                TestRules.JSON.getNodeFactory().numberNode((short) 7),
                TestRules.JSON.getNodeFactory().numberNode(1.5f),
                TestRules.JSON.getNodeFactory().numberNode(new java.math.BigDecimal("12.50")),
                TestRules.JSON.getNodeFactory().numberNode(Double.NaN),
                TestRules.JSON.getNodeFactory().binaryNode(new byte[] {1, 2, 3}));
        List<Explanation> explanations = new ArrayList<>();
        for (JsonNode expected : expectations) {
            PathTrace path = new PathTrace(
                    "$.properties['odd \"key\"']",
                    "in",
                    expected,
                    true,
                    List.of(
                            new FoundValue(nested, "object"),
                            new FoundValue(null, "null"),
                            new FoundValue(List.of("x", 3L), "array")),
                    false,
                    List.of("value is the string \"75\" (compared as number)", "tab\there"));
            GroupTrace not = new GroupTrace("not", true, List.of(path));
            explanations.add(new Explanation(
                    false,
                    new FilterTrace(List.of("track", "page"), null, false),
                    new FilterTrace(List.of(), "Order Completed", true),
                    new GroupTrace("all", false, List.of(path, not, new GroupTrace("any", false, List.of()))),
                    new GroupTrace("any", true, List.of(not)),
                    new ExpressionTrace("properties.total > 20 && x == \"y\"", false, "line 1:\n unknown \"x\"")));
        }
        explanations.add(new Explanation(true, null, null, null, null, null));
        explanations.add(new Explanation(
                true,
                null,
                null,
                new GroupTrace("all", true, List.of()),
                null,
                new ExpressionTrace("true", true, null)));

        for (Explanation explanation : explanations) {
            assertThat(ExplanationJson.write(explanation)).isEqualTo(TestRules.JSON.writeValueAsString(explanation));
        }
    }

    @Test
    void leavesWhatOnlyJacksonWritesToJackson() {
        // Messages are parsed JSON, so this never comes from intake; the writer must still not write it wrongly.
        PathTrace path = new PathTrace(
                "$.at",
                "exists",
                null,
                false,
                List.of(new FoundValue(Instant.parse("2026-11-28T10:00:00Z"), "string")),
                true,
                List.of());
        Explanation explanation =
                new Explanation(true, null, null, new GroupTrace("all", true, List.of(path)), null, null);
        StringBuilder out = new StringBuilder();

        assertThat(ExplanationJson.append(out, explanation)).isFalse();
        assertThat(ExplanationJson.write(explanation)).isEqualTo(TestRules.JSON.writeValueAsString(explanation));
    }
}
