package dev.switchboard.simulation;

import dev.switchboard.mapping.ActionOutcome;
import dev.switchboard.rules.CompiledRule;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.LiveRules;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleOutcome;
import dev.switchboard.rules.RuleProblem;
import dev.switchboard.rules.RuleSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tests one message against the live rules, or against draft rules that are not saved, explaining every rule.
 * Unlike intake, every rule is explained, also those the index would skip (another type or event), so a
 * marketer sees why a rule did not fire. Nothing is stored or sent.
 */
@Service
public class RuleTrial {

    private final LiveRules live;
    private final RuleCatalog catalog;
    private final JsonMapper json;

    RuleTrial(LiveRules live, RuleCatalog catalog, JsonMapper json) {
        this.live = live;
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * @param drafts rule JSON to test instead of the live rules, or null for the live rules
     * @throws InvalidRuleException listing every problem of every draft ({@code rules[1].when.all[0].op})
     */
    public TrialResult run(Map<String, Object> event, @Nullable List<JsonNode> drafts) {
        Map<String, Object> message = new LinkedHashMap<>(event);
        if (!(message.get("messageId") instanceof String id) || id.isBlank()) {
            message.put("messageId", "test-" + UUID.randomUUID());
        }
        List<CompiledRule> rules = drafts == null ? live.snapshot().rules() : compile(drafts);
        List<TrialResult.Matched> matched = new ArrayList<>();
        List<TrialResult.NotMatched> notMatched = new ArrayList<>();
        String stoppedBy = null;
        for (CompiledRule rule : rules) {
            if (stoppedBy != null) {
                notMatched.add(new TrialResult.NotMatched(
                        rule.key(),
                        rule.version(),
                        "skipped",
                        "rule " + stoppedBy + " matched and stops processing",
                        null));
                continue;
            }
            RuleOutcome outcome = rule.evaluate(message, true);
            if (outcome.matched()) {
                matched.add(matched(outcome));
                stoppedBy = rule.stopProcessing() ? rule.key() : null;
            } else {
                notMatched.add(new TrialResult.NotMatched(
                        rule.key(),
                        rule.version(),
                        outcome.status().name().toLowerCase(Locale.ROOT),
                        outcome.error(),
                        outcome.trace()));
            }
        }
        return new TrialResult((String) message.get("messageId"), matched, notMatched, stoppedBy);
    }

    private List<CompiledRule> compile(List<JsonNode> drafts) {
        List<CompiledRule> compiled = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            try {
                compiled.add(catalog.compile(drafts.get(i)));
            } catch (InvalidRuleException e) {
                String location = "rules[" + i + "]";
                e.problems().forEach(p -> problems.add(p.under(location)));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRuleException.withProblems(problems);
        }
        return RuleSnapshot.of(compiled).rules();
    }

    private TrialResult.Matched matched(RuleOutcome outcome) {
        List<TrialResult.Request> requests = new ArrayList<>();
        List<TrialResult.CancelByRule> cancels = new ArrayList<>();
        List<TrialResult.InvalidAction> invalid = new ArrayList<>();
        for (ActionOutcome action : outcome.actions()) {
            if (action instanceof ActionOutcome.NovuCall call) {
                requests.add(new TrialResult.Request(
                        call.type().wireName(),
                        call.method(),
                        call.path(),
                        call.body() == null ? null : json.readTree(call.body()),
                        call.transactionId(),
                        call.idempotencyKey(),
                        text(call.delay())));
            } else if (action instanceof ActionOutcome.CancelByRule cancel) {
                cancels.add(new TrialResult.CancelByRule(
                        cancel.ruleKey(), cancel.within().toString(), cancel.userId(), text(cancel.delay())));
            } else if (action instanceof ActionOutcome.Invalid bad) {
                invalid.add(new TrialResult.InvalidAction(bad.type().wireName(), bad.field(), bad.reason()));
            }
        }
        return new TrialResult.Matched(
                outcome.ruleKey(), outcome.version(), outcome.trace(), requests, cancels, invalid);
    }

    private static @Nullable String text(@Nullable Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
