package dev.switchboard.admin.rules;

import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleConflictException;
import dev.switchboard.rules.RuleView;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/** {@code /rules}: every rule in evaluation order, searchable; switch rules on and off and change their order. */
@Controller
class RulesListController {

    private final RuleCatalog catalog;
    private final RuleFires fires;
    private final Clock clock;

    RulesListController(RuleCatalog catalog, RuleFires fires, Clock clock) {
        this.catalog = catalog;
        this.fires = fires;
        this.clock = clock;
    }

    @GetMapping("/rules")
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        Map<String, Long> counts = fires.since(clock.instant().minus(Duration.ofHours(24)));
        List<RuleRow> rows = catalog.list().stream()
                .map(rule -> RuleRow.of(rule, counts.getOrDefault(rule.key(), 0L)))
                .filter(row -> q.isBlank() || row.matches(q.trim()))
                .sorted(Comparator.comparingInt(RuleRow::priority).thenComparing(RuleRow::key))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("q", q);
        return "admin/rules/list";
    }

    @PostMapping("/rules/{key}/enabled")
    String setEnabled(
            @PathVariable String key,
            @RequestParam boolean enabled,
            @RequestParam(defaultValue = "/rules") String back,
            Authentication user,
            RedirectAttributes redirect) {
        try {
            catalog.setEnabled(key, enabled, user.getName());
            redirect.addFlashAttribute("message", (enabled ? "Enabled " : "Disabled ") + key + ".");
        } catch (RuleConflictException e) {
            redirect.addFlashAttribute("error", "Publish " + key + " first: only a published rule can be switched.");
        }
        return "redirect:" + safe(back);
    }

    /** Deletes a rule (editors), after the confirmation on the rule page that names it; the change log keeps it. */
    @PostMapping("/rules/{key}/delete")
    String delete(@PathVariable String key, Authentication user, RedirectAttributes redirect) {
        String name = catalog.get(key).name();
        catalog.delete(key, user.getName());
        redirect.addFlashAttribute("message", "Deleted the rule " + name + " (" + key + ").");
        return "redirect:/rules";
    }

    @PostMapping("/rules/{key}/publish")
    String publish(@PathVariable String key, Authentication user, RedirectAttributes redirect) {
        try {
            catalog.publish(key, user.getName());
            redirect.addFlashAttribute("message", "Published " + key + ".");
        } catch (RuleConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/rules/" + key;
    }

    /**
     * Sets a rule's priority (lower runs first). A live rule without pending edits is republished with it; a rule
     * with a draft gets it in the draft, published with the rest of the edit.
     */
    @PostMapping("/rules/{key}/priority")
    String setPriority(
            @PathVariable String key, @RequestParam String priority, Authentication user, RedirectAttributes redirect) {
        RuleView rule = catalog.get(key);
        try {
            ObjectNode changed =
                    ((ObjectNode) rule.current().deepCopy()).put("priority", Integer.parseInt(priority.trim()));
            boolean publish = rule.draft() == null && rule.published() != null;
            catalog.saveDraft(key, changed, user.getName(), publish);
            redirect.addFlashAttribute(
                    "message",
                    "Priority of " + key + " is " + priority.trim()
                            + (publish ? "." : " in the draft; publish to apply."));
        } catch (NumberFormatException | InvalidRuleException e) {
            redirect.addFlashAttribute("error", "The priority must be a whole number, such as 100.");
        }
        return "redirect:/rules";
    }

    private static String safe(String back) {
        return back.startsWith("/rules") && !back.contains("//") ? back : "/rules";
    }
}
