package dev.switchboard.admin.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.admin.NovuAccount;
import dev.switchboard.admin.StatsCharts;
import dev.switchboard.audit.EventLog;
import dev.switchboard.audit.EventSummary;
import dev.switchboard.audit.RuleStats;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(OverviewController.class)
@Import({AdminSliceTestConfiguration.class, StatsCharts.class})
class OverviewControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TrafficFigures figures;

    @MockitoBean
    EventLog events;

    @MockitoBean
    UserDetailsService users;

    @MockitoBean
    NovuAccount novu;

    @MockitoBean
    RuleStats stats;

    @BeforeEach
    void novuNotChecked() {
        given(novu.reachability()).willReturn(new NovuAccount.Reachability("dry_run", null, null));
        given(stats.allRules(any(), any(), any()))
                .willAnswer(call -> new RuleStats.Series(
                        RuleStats.ALL_RULES,
                        "hour",
                        call.getArgument(1),
                        call.getArgument(2),
                        new RuleStats.Figures(0, 0, 0, 0, 0, null, null),
                        List.of()));
    }

    @Test
    void chartsEveryRulePerHourOverTheLast24HoursWithTheNumbersInATable() {
        given(figures.since(any())).willReturn(new Counts(0, 0, Map.of()));
        Instant hour = Instant.parse("2026-11-28T07:00:00Z");
        RuleStats.Figures figures = new RuleStats.Figures(40, 35, 2, 1, 3, 120L, 480L);
        given(stats.allRules(eq(ChronoUnit.HOURS), any(), any()))
                .willReturn(new RuleStats.Series(
                        RuleStats.ALL_RULES,
                        "hour",
                        hour,
                        hour.plusSeconds(3600),
                        figures,
                        List.of(new RuleStats.Bucket(hour, figures))));

        var result = mvc.get().uri("/").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result)
                .bodyText()
                .contains("id=\"overview-chart\"", "data-chart=\"{&quot;unit&quot;:&quot;hour&quot;")
                .contains("&quot;t&quot;:[1795849200]", "&quot;matched&quot;:[40]", "&quot;p99&quot;:[480]")
                .contains("All rules, the last 24 hours per hour (UTC)", "<th scope=\"row\">2026-11-28 07:00</th>")
                .contains("<td>35</td>", "<td>480</td>", "median latency 120 ms, p99 480 ms.");
    }

    @Test
    void showsTheLast24HoursTheBusiestRulesAndDryRunLoudly() {
        given(figures.since(any())).willReturn(new Counts(120, 40, Map.of("dry_run", 35L, "dead", 2L)));
        given(figures.busiestRules(any(), anyInt())).willReturn(List.of(new BusyRule("abandoned-cart", 30)));
        given(figures.latestDeliveries(anyInt()))
                .willReturn(List.of(new DeliveryRow(
                        Instant.parse("2026-11-28T08:00:01Z"),
                        "abandoned-cart",
                        1,
                        "trigger",
                        "POST",
                        "/v1/events/trigger",
                        "u-1",
                        "dry_run",
                        null)));
        given(events.find(any()))
                .willReturn(List.of(new EventSummary(
                        UUID.randomUUID(),
                        "web",
                        "m-1",
                        "track",
                        "<script>alert(1)</script>",
                        "u-1",
                        null,
                        "routed",
                        null,
                        Instant.parse("2026-11-28T08:00:00Z"),
                        null)));

        var result = mvc.get().uri("/").with(user("vic").roles("VIEWER")).exchange();

        assertThat(result).hasStatusOk().hasViewName("admin/overview");
        assertThat(result)
                .bodyText()
                .contains("id=\"count-received\">120<", "id=\"count-matched\">40<", "id=\"count-dead\">2<")
                .contains("id=\"count-dry-run\">35<", "abandoned-cart", "DRY RUN", "https://api.novu.co")
                .contains("abandoned-cart v1", "POST /v1/events/trigger")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void hidesTheUsersLinkFromNonAdmins() {
        given(figures.since(any())).willReturn(new Counts(0, 0, Map.of()));

        assertThat(mvc.get().uri("/").with(user("eve").roles("EDITOR")))
                .bodyText()
                .doesNotContain("href=\"/users\"");
        assertThat(mvc.get().uri("/").with(user("ada").roles("ADMIN")))
                .bodyText()
                .contains("href=\"/users\"");
    }

    @Test
    void saysWhetherNovuIsReachable() {
        given(figures.since(any())).willReturn(new Counts(0, 0, Map.of()));

        assertThat(mvc.get().uri("/").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("dry run — not checked");

        given(novu.reachability())
                .willReturn(new NovuAccount.Reachability(
                        "unreachable", "HTTP 401: API Key not found", Instant.parse("2026-11-28T08:00:00Z")));
        assertThat(mvc.get().uri("/").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains("not reachable (HTTP 401: API Key not found)", "2026-11-28 08:00:00");

        given(novu.reachability()).willReturn(new NovuAccount.Reachability("reachable", null, Instant.now()));
        assertThat(mvc.get().uri("/").with(user("vic").roles("VIEWER")))
                .bodyText()
                .contains(">reachable<");
    }
}
