package dev.switchboard.admin.overview;

import dev.switchboard.admin.NovuAccount;
import dev.switchboard.admin.StatsCharts;
import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.EventQuery;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.settings.RuntimeSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page: the last 24 hours at a glance, the busiest rules, where Novu is, the latest messages. */
@Controller
class OverviewController {

    private final TrafficFigures figures;
    private final EventLog events;
    private final NovuProperties novu;
    private final RuntimeSettings settings;
    private final NovuAccount account;
    private final Clock clock;
    private final StatsCharts charts;

    OverviewController(
            TrafficFigures figures,
            EventLog events,
            NovuProperties novu,
            RuntimeSettings settings,
            NovuAccount account,
            Clock clock,
            StatsCharts charts) {
        this.settings = settings;
        this.charts = charts;
        this.account = account;
        this.figures = figures;
        this.events = events;
        this.novu = novu;
        this.clock = clock;
    }

    @GetMapping("/")
    String show(Model model) {
        Instant since = clock.instant().minus(Duration.ofHours(24));
        model.addAttribute("counts", figures.since(since));
        model.addAttribute("chart", charts.allRules());
        model.addAttribute("busiest", figures.busiestRules(since, 5));
        model.addAttribute("deliveries", figures.latestDeliveries(10));
        model.addAttribute(
                "novuBaseUrl", NovuClient.Connection.effective(novu, settings).baseUrl());
        model.addAttribute("novuReachability", account.reachability());
        model.addAttribute(
                "events", events.find(new EventQuery(null, null, null, null, null, null, null, null, null, null, 15)));
        return "admin/overview";
    }
}
