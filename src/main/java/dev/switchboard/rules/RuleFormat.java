package dev.switchboard.rules;

import dev.switchboard.rules.format.RuleReader;
import dev.switchboard.rules.format.RuleWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The rule format of {@code rule-format.md}: reading rule JSON (all problems at once) and writing it back
 * canonically. Stateless and thread-safe. Only the structure is checked here; whether paths, regular
 * expressions and the MVEL expression compile is {@link RuleCompiler}'s job, which also reads JSON directly.
 */
public final class RuleFormat {

    /** One rule inside a file, with where it sits ({@code rules[3]}, or {@code ""} for a one-rule file). */
    public record LocatedRule(String location, JsonNode json) {}

    private RuleFormat() {}

    /**
     * Reads a rule's structure.
     *
     * @throws InvalidRuleException listing every structural problem (unknown fields, wrong types, ...)
     */
    public static RuleDefinition parse(JsonNode rule) {
        RuleReader.Result result = RuleReader.read(rule);
        if (!result.problems().isEmpty()) {
            throw InvalidRuleException.withProblems(result.problems());
        }
        return result.definition();
    }

    /** Canonical JSON: every field, defaults included, in the order of the rule format. */
    public static JsonNode toJson(RuleDefinition rule) {
        return RuleWriter.write(rule);
    }

    /**
     * The rules of a file that holds one rule or {@code {"rules": [...]}}.
     *
     * @throws InvalidRuleException when the file is neither shape
     */
    public static List<LocatedRule> rulesIn(JsonNode file) {
        if (!file.isObject()) {
            throw InvalidRuleException.withProblems(
                    List.of(new RuleProblem("", "a rules file holds one rule object or {\"rules\": [...]}")));
        }
        if (!file.has("rules")) {
            return List.of(new LocatedRule("", file));
        }
        JsonNode rules = file.get("rules");
        if (file.size() != 1 || !rules.isArray()) {
            throw InvalidRuleException.withProblems(
                    List.of(new RuleProblem("rules", "must be the only field, holding an array of rules")));
        }
        List<LocatedRule> located = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            located.add(new LocatedRule("rules[" + i + "]", rules.get(i)));
        }
        return located;
    }
}
