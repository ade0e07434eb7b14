package dev.switchboard.admin.rules;

import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleVersionView;
import dev.switchboard.rules.RuleView;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A rule's history: every version with who, when and what changed from the one before; roll back to any. */
@Controller
class RuleHistoryController {

    /** A version as the history page shows it, with its diff against the previous version. */
    record VersionEntry(RuleVersionView version, boolean live, List<LineDiff.Line> diff) {}

    private final RuleCatalog catalog;
    private final JsonMapper json;

    RuleHistoryController(RuleCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @GetMapping("/rules/{key}/history")
    String show(@PathVariable String key, Model model) {
        RuleView rule = catalog.get(key);
        List<RuleVersionView> versions = new ArrayList<>(catalog.versions(key));
        versions.sort((x, y) -> Integer.compare(x.version(), y.version()));
        List<VersionEntry> entries = new ArrayList<>();
        String previous = "";
        for (RuleVersionView version : versions) {
            String text = pretty(version.definition());
            boolean live = rule.publishedVersion() != null && rule.publishedVersion() == version.version();
            entries.add(new VersionEntry(version, live, LineDiff.of(previous, text)));
            previous = text;
        }
        model.addAttribute("rule", rule);
        java.util.Collections.reverse(entries);
        model.addAttribute("entries", entries);
        if (rule.draft() != null && rule.published() != null) {
            model.addAttribute("draftDiff", LineDiff.of(pretty(rule.published()), pretty(rule.draft())));
        }
        return "admin/rules/history";
    }

    @PostMapping("/rules/{key}/rollback")
    String rollBack(
            @PathVariable String key, @RequestParam int version, Authentication user, RedirectAttributes redirect) {
        RuleView rule = catalog.rollBack(key, version, user.getName());
        redirect.addFlashAttribute(
                "message",
                "Rolled back to version " + version + ": it is live again as version " + rule.publishedVersion() + ".");
        return "redirect:/rules/" + key + "/history";
    }

    private String pretty(JsonNode definition) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
    }
}
