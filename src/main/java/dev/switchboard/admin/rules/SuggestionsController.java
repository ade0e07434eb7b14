package dev.switchboard.admin.rules;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** Refreshes the builder's suggestions when the event names change (htmx), without re-showing the page. */
@Controller
class SuggestionsController {

    private final TrafficSuggestions traffic;
    private final BuilderPage page;

    SuggestionsController(TrafficSuggestions traffic, BuilderPage page) {
        this.traffic = traffic;
        this.page = page;
    }

    @PostMapping("/rules/try/suggestions")
    String suggestions(@ModelAttribute("form") RuleForm form, Model model) {
        model.addAttribute("paths", traffic.paths(form.getEvents()));
        model.addAttribute("recentMessages", page.recentMessages(form.getEvents()));
        return "admin/rules/results :: suggestions";
    }
}
