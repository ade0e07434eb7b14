package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mapping.ActionCompiler;
import dev.switchboard.message.CompactJson;
import dev.switchboard.rules.CompiledRule;
import dev.switchboard.rules.ExplanationJson;
import dev.switchboard.rules.MvelSettings;
import dev.switchboard.rules.RuleCompiler;
import dev.switchboard.rules.RuleFormat;
import dev.switchboard.rules.RuleOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log explains what a rule decided about a message by evaluating the rule version again on the message
 * as stored (intake keeps only the version and the outcome). That is only right if the stored JSON, read back as
 * intake reads JSON, makes every rule say exactly what it said about the message itself: checked here for every
 * example rule on every Segment sample, and on messages holding the values a JSON round trip could change (number
 * forms, big and negative numbers, escapes, nesting).
 */
class StoredMessageExplanationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RuleCompiler COMPILER = new RuleCompiler(new ActionCompiler()::compile, MvelSettings.ON);

    @Test
    void everyExampleRuleExplainsEverySampleTheSameFromItsStoredCopy() throws IOException {
        List<CompiledRule> rules = exampleRules();
        List<Map<String, Object>> messages = samples();
        int compared = 0;
        for (Map<String, Object> message : messages) {
            for (CompiledRule rule : rules) {
                assertSameExplanation(rule, message);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(100);
    }

    @Test
    void valuesAJsonRoundTripCouldChangeAreComparedAlike() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("total", 20.0);
        properties.put("small", 1.0E-7);
        properties.put("large", 1.0E21);
        properties.put("negative", -0.0);
        properties.put("count", 3);
        properties.put("long", 12_345_678_901L);
        properties.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
        properties.put("text", "tab\tquote\" backslash\\ é ☃ \u0001");
        properties.put("flag", false);
        properties.put("nothing", null);
        properties.put("items", List.of(Map.of("sku", "A-1", "price", 19.99), List.of(1, 2.5, "3")));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "track");
        message.put("event", "Round Trip");
        message.put("userId", "u-1");
        message.put("properties", properties);
        List<CompiledRule> rules = new ArrayList<>();
        for (String condition : List.of(
                "{\"path\": \"$.properties.total\", \"op\": \"gt\", \"value\": 20}",
                "{\"path\": \"$.properties.small\", \"op\": \"gte\", \"value\": 0.000001}",
                "{\"path\": \"$.properties.large\", \"op\": \"lt\", \"value\": 1000000000000000000000}",
                "{\"path\": \"$.properties.negative\", \"op\": \"equals\", \"value\": 1}",
                "{\"path\": \"$.properties.long\", \"op\": \"in\", \"value\": [1, 2]}",
                "{\"path\": \"$.properties.huge\", \"op\": \"lt\", \"value\": 5}",
                "{\"path\": \"$.properties.text\", \"op\": \"contains\", \"value\": \"snowman\"}",
                "{\"path\": \"$.properties.flag\", \"op\": \"is_true\"}",
                "{\"path\": \"$.properties.nothing\", \"op\": \"exists\"}",
                "{\"path\": \"$.properties.items[*].price\", \"op\": \"gt\", \"value\": 20}",
                "{\"path\": \"$.properties.items[1][*]\", \"op\": \"equals\", \"value\": \"4\"}")) {
            rules.add(COMPILER.compile(JSON.readTree("""
                            {"key": "round-trip-%d", "name": "Round trip", "enabled": true,
                             "when": {"type": ["track"], "all": [%s]},
                             "actions": [{"type": "trigger", "workflowId": "w",
                                          "to": {"subscriberId": {"@path": "$.userId"}}}]}
                            """.formatted(rules.size(), condition)), 1));
        }
        rules.add(COMPILER.compile(JSON.readTree("""
                        {"key": "round-trip-mvel", "name": "Round trip", "enabled": true,
                         "when": {"expression": "properties.total > 20.5 && properties.count == 4"},
                         "actions": [{"type": "trigger", "workflowId": "w",
                                      "to": {"subscriberId": {"@path": "$.userId"}}}]}
                        """), 1));

        for (CompiledRule rule : rules) {
            RuleOutcome outcome = assertSameExplanation(rule, message);
            assertThat(outcome.status()).as(rule.key()).isEqualTo(RuleOutcome.Status.NOT_MATCHED);
        }
    }

    @SuppressWarnings("unchecked")
    private static RuleOutcome assertSameExplanation(CompiledRule rule, Map<String, Object> message) {
        RuleOutcome atIntake = rule.evaluate(message, true);
        // Intake evaluates without explanations (unless values were masked): the outcome must be the same.
        RuleOutcome lean = rule.evaluate(message, false);
        assertThat(lean.status()).as(rule.key()).isEqualTo(atIntake.status());
        assertThat(lean.error()).as(rule.key()).isEqualTo(atIntake.error());
        Map<String, Object> stored = JSON.readValue(CompactJson.write(message), Map.class);
        RuleOutcome fromStored = rule.evaluate(stored, true);
        assertThat(fromStored.status()).as(rule.key()).isEqualTo(atIntake.status());
        assertThat(fromStored.error()).as(rule.key()).isEqualTo(atIntake.error());
        assertThat(fromStored.trace() == null ? null : ExplanationJson.write(fromStored.trace()))
                .as(rule.key() + " on " + message.get("messageId"))
                .isEqualTo(atIntake.trace() == null ? null : ExplanationJson.write(atIntake.trace()));
        return atIntake;
    }

    private static List<CompiledRule> exampleRules() throws IOException {
        List<CompiledRule> rules = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("rules-examples"))) {
            for (Path path :
                    paths.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                RuleFormat.rulesIn(JSON.readTree(path.toFile()))
                        .forEach(rule -> rules.add(COMPILER.compile(rule.json(), 1)));
            }
        }
        return rules;
    }

    /** Every message of the samples, a batch's messages one by one. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> samples() throws IOException {
        List<Map<String, Object>> messages = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("src/test/resources/segment"))) {
            for (Path path :
                    paths.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Map<String, Object> sample = JSON.readValue(path.toFile(), Map.class);
                if (sample.get("batch") instanceof List<?> batch) {
                    batch.forEach(each -> messages.add((Map<String, Object>) each));
                } else {
                    messages.add(sample);
                }
            }
        }
        return messages;
    }
}
