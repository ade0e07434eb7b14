package dev.switchboard.admin.deliveries;

import dev.switchboard.dispatch.FailedDeliveries;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /deliveries}: what did not reach Novu, grouped by rule and reason, with the list behind the filter.
 * Viewers look; editors send deliveries again (one, a selection, or all that match after a confirmation), and
 * come back to the same filter with a message saying how many were queued.
 */
@Controller
class FailedDeliveriesController {

    static final int PAGE_SIZE = 50;
    static final int MAX_GROUPS = 100;

    private final FailedDeliveries deliveries;
    private final MessageSource messages;

    FailedDeliveriesController(FailedDeliveries deliveries, MessageSource messages) {
        this.deliveries = deliveries;
        this.messages = messages;
    }

    @GetMapping("/deliveries")
    String list(@ModelAttribute("filter") FilterForm filter, @RequestParam(defaultValue = "0") int page, Model model) {
        var query = filter.toQuery();
        PageView shown = PageView.of(page, PAGE_SIZE, deliveries.count(query));
        model.addAttribute("groups", deliveries.groups(query, MAX_GROUPS));
        model.addAttribute("deliveries", deliveries.find(query, shown.offset(), PAGE_SIZE));
        model.addAttribute("page", shown);
        model.addAttribute("statuses", FailedDeliveries.STATUSES);
        return "admin/deliveries/list";
    }

    @GetMapping("/deliveries/confirm")
    String confirmRetryMatching(@ModelAttribute("filter") FilterForm filter, Model model) {
        model.addAttribute("retryable", deliveries.countRetryable(filter.toQuery()));
        return "admin/deliveries/confirm";
    }

    @PostMapping("/deliveries/{id}/retry")
    String retry(@PathVariable UUID id, FilterForm filter, RedirectAttributes redirect, Locale locale) {
        return queued(deliveries.retry(List.of(id)), filter, redirect, locale);
    }

    @PostMapping("/deliveries/retry")
    String retrySelected(
            @RequestParam(name = "ids", required = false) @Nullable List<UUID> ids,
            FilterForm filter,
            RedirectAttributes redirect,
            Locale locale) {
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("error", messages.getMessage("deliveries.noneSelected", null, locale));
            return back(filter, redirect);
        }
        return queued(deliveries.retry(ids), filter, redirect, locale);
    }

    @PostMapping("/deliveries/retry-matching")
    String retryMatching(FilterForm filter, RedirectAttributes redirect, Locale locale) {
        return queued(deliveries.retryMatching(filter.toQuery()), filter, redirect, locale);
    }

    private String queued(int count, FilterForm filter, RedirectAttributes redirect, Locale locale) {
        String key = count == 0 ? "deliveries.queuedNone" : "deliveries.queued";
        redirect.addFlashAttribute(
                count == 0 ? "error" : "message", messages.getMessage(key, new Object[] {count}, locale));
        return back(filter, redirect);
    }

    /** Back to the list the person came from, with the same filter. */
    private static String back(FilterForm filter, RedirectAttributes redirect) {
        addIfPresent(redirect, "rule", filter.rule());
        addIfPresent(redirect, "status", filter.status());
        addIfPresent(redirect, "reason", filter.reason());
        addIfPresent(redirect, "from", filter.from());
        addIfPresent(redirect, "to", filter.to());
        return "redirect:/deliveries";
    }

    private static void addIfPresent(RedirectAttributes redirect, String name, @Nullable String value) {
        if (value != null) {
            redirect.addAttribute(name, value);
        }
    }
}
