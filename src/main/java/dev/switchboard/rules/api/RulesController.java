package dev.switchboard.rules.api;

import dev.switchboard.rules.ImportResult;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleFormat;
import dev.switchboard.rules.RuleVersionView;
import dev.switchboard.rules.RuleView;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Rules over HTTP. Saving keeps a draft (the live version is untouched) unless {@code ?publish=true}; publishing,
 * disabling and rolling back each make a new immutable version.
 */
@RestController
class RulesController {

    /** Rule bodies are described by the rule format's JSON Schema in the OpenAPI document. */
    private static final String RULE_SCHEMA = "#/components/schemas/Rule";

    private final RuleCatalog catalog;

    RulesController(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/rules")
    List<RuleSummary> list() {
        return catalog.list().stream().map(RuleSummary::of).toList();
    }

    @PostMapping("/api/rules")
    ResponseEntity<RuleView> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(ref = RULE_SCHEMA)))
                    @RequestBody
                    JsonNode rule,
            @RequestParam(defaultValue = "false") boolean publish,
            Authentication user) {
        ExpressionPermission.check(rule, user);
        RuleView created = catalog.create(rule, user.getName(), publish);
        return ResponseEntity.created(URI.create("/api/rules/" + created.key())).body(created);
    }

    @GetMapping("/api/rules/export")
    JsonNode export() {
        return catalog.export();
    }

    @PostMapping("/api/rules/import")
    ImportResult importRules(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(ref = RULE_SCHEMA)))
                    @RequestBody
                    JsonNode file,
            Authentication user) {
        RuleFormat.rulesIn(file).forEach(rule -> ExpressionPermission.check(rule.json(), user));
        return catalog.importRules(file, user.getName());
    }

    @GetMapping("/api/rules/{key}")
    RuleView show(@PathVariable String key) {
        return catalog.get(key);
    }

    @PutMapping("/api/rules/{key}")
    RuleView update(
            @PathVariable String key,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(ref = RULE_SCHEMA)))
                    @RequestBody
                    JsonNode rule,
            @RequestParam(defaultValue = "false") boolean publish,
            Authentication user) {
        ExpressionPermission.check(rule, user);
        return catalog.saveDraft(key, rule, user.getName(), publish);
    }

    @DeleteMapping("/api/rules/{key}")
    ResponseEntity<Void> delete(@PathVariable String key, Authentication user) {
        catalog.delete(key, user.getName());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/rules/{key}/publish")
    RuleView publish(@PathVariable String key, Authentication user) {
        ExpressionPermission.check(catalog.get(key).current(), user);
        return catalog.publish(key, user.getName());
    }

    @PostMapping("/api/rules/{key}/disable")
    RuleView disable(@PathVariable String key, Authentication user) {
        return catalog.setEnabled(key, false, user.getName());
    }

    @PostMapping("/api/rules/{key}/enable")
    RuleView enable(@PathVariable String key, Authentication user) {
        return catalog.setEnabled(key, true, user.getName());
    }

    @GetMapping("/api/rules/{key}/versions")
    List<RuleVersionView> versions(@PathVariable String key) {
        return catalog.versions(key);
    }

    @GetMapping("/api/rules/{key}/versions/{version}")
    RuleVersionView version(@PathVariable String key, @PathVariable int version) {
        return catalog.version(key, version);
    }

    @PostMapping("/api/rules/{key}/versions/{version}/rollback")
    RuleView rollBack(@PathVariable String key, @PathVariable int version, Authentication user) {
        ExpressionPermission.check(catalog.version(key, version).definition(), user);
        return catalog.rollBack(key, version, user.getName());
    }
}
