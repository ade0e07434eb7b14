package dev.switchboard.rules;

import dev.switchboard.rules.catalog.RuleStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Loads {@code rules-examples/} into a database that has never held a rule, so a first start routes the classic
 * use cases at once. A database with rules (even deleted ones) is left alone.
 */
@Component
@Order(2)
class RuleExamples implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RuleExamples.class);

    private final ExamplesProperties properties;
    private final RuleCatalog catalog;
    private final RuleStore store;
    private final JsonMapper json;

    RuleExamples(ExamplesProperties properties, RuleCatalog catalog, RuleStore store, JsonMapper json) {
        this.properties = properties;
        this.catalog = catalog;
        this.store = store;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.load() || !store.isEmpty()) {
            return;
        }
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(properties.location());
        Arrays.sort(files, Comparator.comparing(Resource::getFilename, Comparator.nullsFirst(String::compareTo)));
        var all = json.createObjectNode();
        ArrayNode rules = all.putArray("rules");
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                RuleFormat.rulesIn(json.readTree(in)).forEach(rule -> rules.add(rule.json()));
            }
        }
        if (rules.isEmpty()) {
            log.info("No example rules found at {}", properties.location());
            return;
        }
        try {
            ImportResult result = catalog.importRules(all, "examples");
            log.info(
                    "Loaded {} example rules from {}: {}",
                    result.created().size(),
                    properties.location(),
                    result.created());
        } catch (InvalidRuleException e) {
            log.error("The example rules at {} were not loaded: {}", properties.location(), e.getMessage());
        } catch (DataIntegrityViolationException e) {
            // Several instances started on one new database at once: another one loaded them first.
            log.info("Example rules were loaded by another instance");
        }
    }
}
