package dev.switchboard.admin.rules;

import dev.switchboard.audit.EventDetail;
import dev.switchboard.audit.EventLog;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleProblem;
import dev.switchboard.simulation.Backtest;
import dev.switchboard.simulation.BacktestResult;
import dev.switchboard.simulation.RuleTrial;
import dev.switchboard.simulation.TrialResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The builder's test and backtest panels and the live check of the advanced expression (htmx fragments): the
 * form as it is on screen, unsaved, against one message or stored traffic. Nothing is stored or sent (sending a
 * request of the test to Novu is an explicit, confirmed step: {@link TestSendController}).
 */
@Controller
class RuleTrialController {

    private static final Map<String, Duration> WINDOWS =
            Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

    private final RuleTrial trial;
    private final Backtest backtest;
    private final EventLog events;
    private final RuleCatalog catalog;
    private final JsonMapper json;
    private final Clock clock;

    RuleTrialController(
            RuleTrial trial, Backtest backtest, EventLog events, RuleCatalog catalog, JsonMapper json, Clock clock) {
        this.trial = trial;
        this.catalog = catalog;
        this.backtest = backtest;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/rules/try/test")
    String test(
            @ModelAttribute("form") RuleForm form,
            @RequestParam(defaultValue = "stored") String testSource,
            @RequestParam(required = false) String testEventId,
            @RequestParam(defaultValue = "") String testJson,
            Model model) {
        List<RuleProblem> problems = new ArrayList<>();
        JsonNode rule = unnamedAsDraft(form.toJson(problems));
        Map<String, Object> message = message(testSource, testEventId, testJson, rule, problems);
        if (problems.isEmpty()) {
            try {
                show(model, trial.run(message, List.of(rule)), message);
            } catch (InvalidRuleException e) {
                List<RuleProblem> located = e.problems().stream()
                        .map(p -> new RuleProblem(p.location().replaceFirst("^rules\\[0]\\.?", ""), p.message()))
                        .toList();
                problems.addAll(located);
                if (located.stream().allMatch(p -> p.location().startsWith("actions"))) {
                    // The match can be explained before the actions are complete; the requests cannot be shown.
                    show(model, trial.run(message, List.of(withoutActions(rule))), message);
                    model.addAttribute("actionsIncomplete", true);
                }
            }
        }
        model.addAttribute("problems", problems);
        return "admin/rules/results :: test";
    }

    @PostMapping("/rules/try/backtest")
    String backtest(
            @ModelAttribute("form") RuleForm form, @RequestParam(defaultValue = "7d") String window, Model model) {
        List<RuleProblem> problems = new ArrayList<>();
        JsonNode rule = unnamedAsDraft(form.toJson(problems));
        if (problems.isEmpty()) {
            Instant to = clock.instant();
            try {
                BacktestResult result =
                        backtest.run(rule, to.minus(WINDOWS.getOrDefault(window, Duration.ofDays(7))), to, 5);
                model.addAttribute("result", result);
            } catch (InvalidRuleException e) {
                problems.addAll(e.problems());
            }
        }
        model.addAttribute("window", window);
        model.addAttribute("problems", problems);
        return "admin/rules/results :: backtest";
    }

    @PostMapping("/rules/try/expression")
    String checkExpression(@RequestParam(defaultValue = "") String expression, Model model) {
        List<String> problems = new ArrayList<>();
        if (!expression.isBlank()) {
            var probe = json.createObjectNode().put("key", "expression-check").put("name", "check");
            probe.putObject("when").put("expression", expression);
            probe.putArray("actions").addObject().put("type", "trigger").put("workflowId", "check");
            try {
                catalog.compile(probe);
            } catch (InvalidRuleException e) {
                e.problems().forEach(p -> problems.add(p.message()));
            }
        }
        model.addAttribute("expressionProblems", problems);
        model.addAttribute("expressionChecked", !expression.isBlank());
        return "admin/rules/results :: expression";
    }

    private void show(Model model, TrialResult result, Map<String, Object> message) {
        model.addAttribute("result", result);
        model.addAttribute("matched", !result.matched().isEmpty());
        model.addAttribute(
                "trace",
                TraceRow.of(
                        result.matched().isEmpty()
                                ? result.notMatched().get(0).explanation()
                                : result.matched().get(0).explanation()));
        model.addAttribute("messageJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(message));
        Map<String, String> sendVals = new HashMap<>();
        result.matched()
                .forEach(m -> m.requests()
                        .forEach(r -> sendVals.put(
                                r.idempotencyKey(),
                                TestSendController.vals(
                                        json,
                                        m.key(),
                                        r.method(),
                                        r.path(),
                                        r.body() == null ? null : json.writeValueAsString(r.body()),
                                        r.idempotencyKey()))));
        model.addAttribute("sendVals", sendVals);
    }

    /** The rule with one stand-in action that always compiles, to explain its match alone. */
    private static JsonNode withoutActions(JsonNode rule) {
        ObjectNode copy = (ObjectNode) rule.deepCopy();
        copy.putArray("actions")
                .addObject()
                .put("type", "trigger")
                .put("workflowId", "incomplete")
                .putObject("to")
                .put("subscriberId", "incomplete");
        return copy;
    }

    /** A rule can be tried before it has a name and key: stand-ins let it compile. */
    private static JsonNode unnamedAsDraft(ObjectNode rule) {
        if (rule.path("key").asString("").isBlank()) {
            rule.put("key", "unsaved-rule");
        }
        if (rule.path("name").asString("").isBlank()) {
            rule.put("name", "Unsaved rule");
        }
        return rule;
    }

    private Map<String, Object> message(
            String source, String eventId, String pasted, JsonNode rule, List<RuleProblem> problems) {
        switch (source) {
            case "sample" -> {
                return SampleMessage.forRule(rule);
            }
            case "paste" -> {
                return parse(pasted, "testJson", problems);
            }
            default -> {
                EventDetail stored = null;
                try {
                    stored = eventId == null || eventId.isBlank()
                            ? null
                            : events.get(UUID.fromString(eventId)).orElse(null);
                } catch (IllegalArgumentException e) {
                    stored = null;
                }
                if (stored == null) {
                    problems.add(
                            new RuleProblem("testEventId", "pick a stored message, or use the sample or paste JSON"));
                    return Map.of();
                }
                return parse(stored.message(), "testEventId", problems);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text, String field, List<RuleProblem> problems) {
        try {
            Object value = json.readValue(text, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException e) {
            // reported below
        }
        problems.add(new RuleProblem(field, "must be a Segment message as a JSON object"));
        return Map.of();
    }
}
