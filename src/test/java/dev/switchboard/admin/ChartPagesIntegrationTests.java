package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.support.Deliveries;
import dev.switchboard.support.IntakeClient;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charts of the rule page and the overview on the whole application: a message a published rule matches and
 * the rule's failed deliveries show up in the chart data and in the table beside it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChartPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    RuleCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private IntakeClient http;
    private String key;
    private String event;

    @BeforeEach
    void aPublishedRuleThatMatchedOnceAndFailedThreeTimes() {
        http = new IntakeClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        key = "chart-" + suffix;
        event = "Chart Test " + suffix;
        catalog.create(json.readTree("""
                        {"key": "%s", "name": "Chart test", "enabled": true, "priority": 900,
                         "when": {"event": ["%s"]},
                         "actions": [{"type": "trigger", "workflowId": "charts",
                                      "to": {"subscriberId": {"@path": "$.userId"}}}]}
                        """.formatted(key, event)), "admin", true);
        var sent = http.post(
                "/v1/track",
                "{\"type\": \"track\", \"event\": \"" + event + "\", \"userId\": \"chart-user\"}",
                "Authorization",
                IntakeClient.writeKeyHeader(),
                "Content-Type",
                "application/json");
        assertThat(sent.statusCode()).isEqualTo(200);
        for (String status : new String[] {"dead", "dead", "failed"}) {
            Deliveries.trigger("charts", "chart-user")
                    .rule(key)
                    .createdAt(Instant.now())
                    .failure(status, 503, "HTTP 503")
                    .insert(jdbc);
        }
    }

    @AfterEach
    void takeTheRuleOutOfLiveTraffic() {
        catalog.find(key).ifPresent(rule -> catalog.delete(rule.key(), "admin"));
    }

    private String page(String path) {
        var response = http.get(path, "Authorization", IntakeClient.adminHeader());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theRulePageChartsTheLast7DaysWithTheNumbersInATable() {
        String page = page("/rules/" + key);

        assertThat(page)
                .contains("id=\"rule-chart\"", "&quot;unit&quot;:&quot;day&quot;")
                .contains("&quot;matched&quot;:[0,0,0,0,0,0,1]", "&quot;dead&quot;:[0,0,0,0,0,0,2]")
                .contains("&quot;failed&quot;:[0,0,0,0,0,0,1]")
                .contains("<caption class=\"visually-hidden\">This rule, the last 7 days per day (UTC)</caption>")
                .contains("In total: 1 matched, 0 delivered, 1 failed, 2 dead");
        assertThat(page.split("<th scope=\"row\">", -1)).hasSize(8);
    }

    @Test
    void theRulePageChartsTheLast24HoursPerHourOnRequest() {
        String page = page("/rules/" + key + "?stats=hour");

        assertThat(page)
                .contains("&quot;unit&quot;:&quot;hour&quot;", "This rule, the last 24 hours per hour (UTC)")
                .contains("In total: 1 matched, 0 delivered, 1 failed, 2 dead");
        assertThat(page.split("<th scope=\"row\">", -1)).hasSize(25);
    }

    @Test
    void theOverviewChartsEveryRulePerHourOverTheLast24Hours() {
        String page = page("/");

        assertThat(page)
                .contains("id=\"overview-chart\"", "&quot;unit&quot;:&quot;hour&quot;", "&quot;p99&quot;:[")
                .contains("<caption class=\"visually-hidden\">All rules, the last 24 hours per hour (UTC)</caption>")
                .containsPattern("src=\"/webjars/uplot/[0-9.]+/dist/uPlot.iife.min.js\"");
        assertThat(page.split("<th scope=\"row\">", -1)).hasSize(25);
        var total = java.util.regex.Pattern.compile(
                        "In total: (\\d+) matched, \\d+ delivered, (\\d+) failed, (\\d+) dead")
                .matcher(page);
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1)))
                .as("matched, this test's included")
                .isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(total.group(2))).as("failed").isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(total.group(3))).as("dead").isGreaterThanOrEqualTo(2);
    }

    @Test
    void servesTheChartLibraryFromItsWebjar() {
        var script = http.get("/webjars/uplot/dist/uPlot.iife.min.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("uPlot");
    }
}
