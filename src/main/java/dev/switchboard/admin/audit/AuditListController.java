package dev.switchboard.admin.audit;

import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.SearchTooBroadException;
import dev.switchboard.audit.UserDataPurge;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleView;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /audit}: every stored message, newest first, with the filters of {@code GET /api/events} in the URL;
 * and, for admins, the purge of one person's stored data behind a confirmation page.
 */
@Controller
class AuditListController {

    static final int PAGE_SIZE = 50;

    private final EventLog events;
    private final RuleCatalog rules;
    private final UserDataPurge purge;

    AuditListController(EventLog events, RuleCatalog rules, UserDataPurge purge) {
        this.events = events;
        this.rules = rules;
        this.purge = purge;
    }

    @GetMapping("/audit")
    String list(@ModelAttribute("filter") AuditFilterForm filter, BindingResult result, Model model) {
        filter.validate(result);
        model.addAttribute("types", AuditFilterForm.TYPES);
        model.addAttribute("statuses", AuditFilterForm.STATUSES);
        model.addAttribute(
                "rules", rules.list().stream().map(RuleView::key).sorted().toList());
        model.addAttribute("rows", List.of());
        model.addAttribute("matched", Map.of());
        model.addAttribute("invalid", result.hasErrors());
        model.addAttribute("cursorError", false);
        if (result.hasErrors()) {
            return "admin/audit/list";
        }
        try {
            EventLog.Page page = events.search(filter.toQuery(PAGE_SIZE));
            model.addAttribute("rows", page.events());
            model.addAttribute(
                    "matched",
                    events.matchedRules(page.events().stream()
                            .map(dev.switchboard.audit.EventSummary::id)
                            .toList()));
            model.addAttribute("older", page.next() == null ? null : filter.url(page.next()));
            model.addAttribute("newest", filter.getCursor().isEmpty() ? null : filter.url(null));
        } catch (IllegalArgumentException e) {
            // Only a cursor that was edited by hand gets here: every other filter was checked above.
            model.addAttribute("cursorError", true);
            model.addAttribute("invalid", true);
            model.addAttribute("newest", filter.url(null));
        } catch (SearchTooBroadException e) {
            // Shown next to the text field: a text searched over a long time range is what runs this long.
            model.addAttribute("tooBroadSeconds", e.timeout().toSeconds());
            model.addAttribute("invalid", true);
        }
        return "admin/audit/list";
    }

    @GetMapping("/audit/purge-user")
    String confirmPurge(@RequestParam String userId, Model model) {
        model.addAttribute("userId", userId.trim());
        return "admin/audit/purge";
    }

    @PostMapping("/audit/purge-user")
    String purge(@RequestParam String userId, Authentication user, RedirectAttributes redirect) {
        String id = userId.trim();
        if (id.isEmpty()) {
            redirect.addFlashAttribute("error", "Name the userId whose data to delete.");
            return "redirect:/audit";
        }
        Map<String, Integer> purged = purge.purge(id, user.getName());
        redirect.addFlashAttribute(
                "message",
                "Deleted the stored data of " + id + ": " + purged.get("messages") + " messages, "
                        + purged.get("deliveries") + " deliveries. The deletion is recorded in the changes.");
        return "redirect:"
                + UriComponentsBuilder.fromPath("/audit")
                        .queryParam("userId", id)
                        .encode()
                        .build()
                        .toUriString();
    }
}
