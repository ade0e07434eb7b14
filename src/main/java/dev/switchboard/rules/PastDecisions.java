package dev.switchboard.rules;

import dev.switchboard.rules.catalog.RuleStore;
import dev.switchboard.rules.catalog.VersionRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explains again what a published rule version made of a stored message, for the audit log. Intake keeps only
 * what each rule decided (the rule, its version and the outcome); the explanations follow from the message and
 * the rule version alone, both kept unchanged, and writing them for every message cost the database more than
 * storing the message itself. Evaluation is deterministic, so the explanation is the one intake saw.
 *
 * <p>Versions are compiled once and kept in a small cache: the live ones come from the live snapshot, older
 * ones are compiled from {@code rule_version}.
 */
@Service
public class PastDecisions {

    private static final Logger log = LoggerFactory.getLogger(PastDecisions.class);

    /**
     * Compiled versions no longer live; an audit page shows a few dozen rules at most. Not Spring's
     * {@code ConcurrentLruCache}, which keeps whatever its generator gives, a miss too: a version that does not
     * compile now may again once MVEL is turned back on, so only compiled versions are kept.
     */
    private static final int CACHED_VERSIONS = 256;

    private final LiveRules live;
    private final RuleStore store;
    private final RuleCompiler compiler;
    private final JsonMapper json;
    private final Map<String, CompiledRule> compiled = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRule> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };

    PastDecisions(LiveRules live, RuleStore store, RuleCompiler compiler, JsonMapper json) {
        this.live = live;
        this.store = store;
        this.compiler = compiler;
        this.json = json;
    }

    /**
     * The explanation of a rule version's decision on the message, as intake would have stored it; empty if the
     * version is gone or no longer compiles (MVEL turned off since), or if it now decides otherwise: then
     * Switchboard's evaluation changed in an upgrade, and an explanation that contradicts the recorded decision
     * would mislead.
     *
     * @param decided what the rule decided when the message was received
     * @param message the message as stored, parsed
     */
    public Optional<String> explanation(
            String ruleKey, int version, RuleOutcome.Status decided, Map<String, Object> message) {
        CompiledRule rule = rule(ruleKey, version);
        if (rule == null) {
            return Optional.empty();
        }
        RuleOutcome outcome = rule.evaluate(message, true);
        if (outcome.status() == decided && outcome.trace() == null) {
            // A condition that failed before it could be explained (the error says why): nothing to show.
            return Optional.empty();
        }
        if (outcome.status() != decided) {
            log.warn(
                    "Rule {} version {} is now {} for a message it was {} for when received; its explanation"
                            + " is not shown",
                    ruleKey,
                    version,
                    outcome.status(),
                    decided);
            return Optional.empty();
        }
        return Optional.of(ExplanationJson.write(outcome.trace()));
    }

    private @Nullable CompiledRule rule(String ruleKey, int version) {
        for (CompiledRule rule : live.snapshot().rules()) {
            if (rule.key().equals(ruleKey) && rule.version() == version) {
                return rule;
            }
        }
        String id = ruleKey + "@" + version;
        synchronized (compiled) {
            CompiledRule rule = compiled.get(id);
            if (rule != null) {
                return rule;
            }
        }
        Optional<String> definition = store.version(ruleKey, version).map(VersionRecord::definition);
        if (definition.isEmpty()) {
            return null;
        }
        CompiledRule rule;
        try {
            rule = compiler.compile(json.readTree(definition.get()), version);
        } catch (InvalidRuleException | JacksonException e) {
            log.debug("Rule {} no longer compiles: {}", id, e.getMessage());
            return null;
        }
        synchronized (compiled) {
            compiled.put(id, rule);
        }
        return rule;
    }
}
