package dev.switchboard.admin.audit;

import dev.switchboard.audit.ChangeLog;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /audit/changes}: who changed which rule, setting or account, or deleted whose data, and when, with the
 * diff; newest first, by kind, a page at a time. Rule versions come from the rule history, as in the API.
 */
@Controller
class ChangesController {

    static final List<String> KINDS = List.of("rule", "setting", "user", "privacy");
    static final int PAGE_SIZE = 50;
    /** The change log reads from the newest on each page: deep pages cost more, and nobody reads that far. */
    static final int MAX_PAGE = 40;

    private final ChangeLog changes;

    ChangesController(ChangeLog changes) {
        this.changes = changes;
    }

    @GetMapping("/audit/changes")
    String list(
            @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "1") String page, Model model) {
        String chosen = KINDS.contains(kind) ? kind : null;
        int number = page(page);
        int skip = (number - 1) * PAGE_SIZE;
        List<ChangeLog.Change> found = changes.find(chosen, null, null, skip + PAGE_SIZE + 1);
        List<ChangeRow> rows =
                found.stream().skip(skip).limit(PAGE_SIZE).map(ChangeRow::of).toList();
        model.addAttribute("kinds", KINDS);
        model.addAttribute("kind", chosen == null ? "" : chosen);
        model.addAttribute("unknownKind", chosen == null && !kind.isEmpty());
        model.addAttribute("rows", rows);
        model.addAttribute("page", number);
        model.addAttribute("hasOlder", found.size() > skip + PAGE_SIZE && number < MAX_PAGE);
        return "admin/audit/changes";
    }

    private static int page(String page) {
        try {
            return Math.max(1, Math.min(Integer.parseInt(page.trim()), MAX_PAGE));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
