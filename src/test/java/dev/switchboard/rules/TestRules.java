package dev.switchboard.rules;

import dev.switchboard.mapping.ActionContext;
import dev.switchboard.mapping.ActionOutcome;
import dev.switchboard.mapping.ActionType;
import dev.switchboard.mapping.CompiledAction;
import dev.switchboard.mapping.MappingProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fixtures: real Segment samples, rule JSON, and a stand-in for the mapping module's action compiler. */
final class TestRules {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String ACTIONS = "[{\"type\": \"trigger\", \"workflowId\": \"wf\"}]";

    private TestRules() {}

    /** A sample from {@code src/test/resources/segment/}, parsed the way intake parses it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> message(String name) {
        try (InputStream in = TestRules.class.getResourceAsStream("/segment/" + name + ".json")) {
            return JSON.readValue(in.readAllBytes(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** A rule with the given key and {@code when}; quotes may be written as ' for readability. */
    static JsonNode rule(String key, String when) {
        return json(
                "{'key': '" + key + "', 'name': 'Rule " + key + "', 'when': " + when + ", 'actions': " + ACTIONS + "}");
    }

    /** Expressions on, with a budget no loaded test machine trips; the budget tests bring their own clock. */
    static final MvelSettings MVEL_ON = new MvelSettings(true, java.time.Duration.ofSeconds(10));

    static RuleCompiler compiler() {
        return new RuleCompiler(new StubActions(), MVEL_ON);
    }

    static CompiledRule compile(String key, String when) {
        return compiler().compile(rule(key, when), 1);
    }

    /** Whether a rule with this {@code when} matches the sample, in both lean and explain mode (they must agree). */
    static boolean matches(String when, String sample) {
        CompiledRule rule = compile("r", when);
        Map<String, Object> message = message(sample);
        RuleOutcome lean = rule.evaluate(message, false);
        RuleOutcome explained = rule.evaluate(message, true);
        if (lean.status() != explained.status()) {
            throw new AssertionError("lean " + lean.status() + " but explained " + explained.status());
        }
        if (lean.status() == RuleOutcome.Status.ERROR) {
            throw new AssertionError("rule failed: " + lean.error());
        }
        return lean.matched();
    }

    /**
     * Stands in for {@code ActionCompiler} (final, and not written yet): every action object becomes an action
     * that renders a Novu trigger naming its rule and position; {@code "fail": true} makes rendering throw, and
     * {@code "problem": "..."} reports a mapping problem at that action.
     */
    static final class StubActions implements ActionsCompilation {

        @Override
        public List<CompiledAction> compile(JsonNode actions, String location, List<MappingProblem> problems) {
            List<CompiledAction> compiled = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                JsonNode action = actions.get(i);
                if (action.has("problem")) {
                    problems.add(new MappingProblem(
                            location + "[" + i + "].workflowId",
                            action.get("problem").asString()));
                }
                compiled.add(new StubAction(action));
            }
            return compiled;
        }
    }

    record StubAction(JsonNode definition) implements CompiledAction {

        @Override
        public ActionType type() {
            return ActionType.TRIGGER;
        }

        @Override
        public ActionOutcome render(Map<String, Object> message, ActionContext context) {
            if (definition.path("fail").asBoolean(false)) {
                throw new IllegalStateException("boom");
            }
            String id = context.ruleKey() + "-" + context.actionIndex() + "-" + message.get("messageId");
            return new ActionOutcome.NovuCall(
                    ActionType.TRIGGER, "POST", "/v1/events/trigger", "{}", id, id, null, (String)
                            message.get("userId"));
        }
    }
}
