package dev.switchboard.admin;

import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.EventQuery;
import dev.switchboard.novu.NovuProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page after login: the latest messages and whether Novu deliveries are real or dry runs. */
@Controller
class HomeController {

    private final EventLog events;
    private final NovuProperties novu;

    HomeController(EventLog events, NovuProperties novu) {
        this.events = events;
        this.novu = novu;
    }

    @GetMapping("/")
    String show(Model model) {
        model.addAttribute("dryRun", novu.dryRun());
        model.addAttribute("novuBaseUrl", novu.baseUrl());
        model.addAttribute(
                "events", events.find(new EventQuery(null, null, null, null, null, null, null, null, null, null, 20)));
        return "admin/home";
    }
}
