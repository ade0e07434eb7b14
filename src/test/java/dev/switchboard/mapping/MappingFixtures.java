package dev.switchboard.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rule JSON, Segment samples and compiled actions for the mapping tests, built through the real compiler. */
final class MappingFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ActionContext CONTEXT = new ActionContext("abandoned-cart-recovery", 0);

    private MappingFixtures() {}

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** A sample from {@code src/test/resources/segment}, as the intake hands it over: a plain map tree. */
    static Map<String, Object> segment(String name) {
        try (InputStream in = MappingFixtures.class.getResourceAsStream("/segment/" + name + ".json")) {
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> message(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    }

    /** One action that must compile without problems. */
    static CompiledAction action(String json) {
        List<MappingProblem> problems = new ArrayList<>();
        List<CompiledAction> actions = new ActionCompiler().compile(json("[" + json + "]"), "actions", problems);
        assertThat(problems).isEmpty();
        return actions.get(0);
    }

    static List<MappingProblem> problems(String actionsJson) {
        List<MappingProblem> problems = new ArrayList<>();
        new ActionCompiler().compile(json(actionsJson), "actions", problems);
        return problems;
    }

    static ActionOutcome.NovuCall call(CompiledAction action, Map<String, Object> message) {
        ActionOutcome outcome = action.render(message, CONTEXT);
        assertThat(outcome).isInstanceOf(ActionOutcome.NovuCall.class);
        return (ActionOutcome.NovuCall) outcome;
    }

    static JsonNode body(ActionOutcome.NovuCall call) {
        return json(call.body());
    }

    /** Resolves one mapped value written in JSON against a message. */
    static Object resolve(String mappedJson, Map<String, Object> message) {
        List<MappingProblem> problems = new ArrayList<>();
        MappedValue value = new MappedValueCompiler(problems).compile(json(mappedJson), "value");
        assertThat(problems).isEmpty();
        return value.resolve(message);
    }
}
