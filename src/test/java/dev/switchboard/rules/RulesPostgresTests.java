package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.IntakeClient;
import dev.switchboard.support.SegmentSamples;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Switchboard instances on one PostgreSQL database, as behind a load balancer: the example rules load once,
 * intake routes with them, and a rule published on one instance goes live on the other within seconds.
 */
class RulesPostgresTests {

    @Test
    void examplesLoadOnceAndAPublishOnOneInstanceGoesLiveOnTheOther() {
        String url = EmbeddedPostgresSupport.newDatabase("rules_instances");
        try (var first = start(url);
                var second = start(url)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from routing_rule")
                            .query(Long.class)
                            .single())
                    .isGreaterThanOrEqualTo(9);
            assertThat(jdbc.sql("select count(*) from rule_version where created_by = 'examples'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(jdbc.sql("select count(*) from routing_rule")
                            .query(Long.class)
                            .single());

            var response = new IntakeClient(port(second))
                    .post(
                            "/v1/track",
                            SegmentSamples.text("track-user-abandoned-cart.json"),
                            "Authorization",
                            IntakeClient.writeKeyHeader());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(jdbc.sql("select rule_key from delivery where message_id = 'ajs-next-1f6f3f0e8b2c4c1a9e7d'")
                            .query(String.class)
                            .list())
                    .containsExactly("abandoned-cart-recovery");

            var json = JsonMapper.builder().build();
            first.getBean(RuleCatalog.class).create(json.readTree("""
                            {"key": "cross-instance", "name": "Published on the first instance",
                             "when": {"type": ["page"]},
                             "actions": [{"type": "trigger", "workflowId": "wf", "to": {"subscriberId": "x"}}]}
                            """), "admin", true);
            LiveRules secondLive = second.getBean(LiveRules.class);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> secondLive.snapshot().rules().stream()
                            .anyMatch(r -> r.key().equals("cross-instance")));
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--switchboard.examples.load=true",
                        "--switchboard.rules.refresh-interval=200ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
