package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.IntakeClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Switchboard on an H2 file keeps its messages and its memory of messageIds across a restart. */
class RestartIntegrationTests {

    @TempDir
    Path dataDirectory;

    @Test
    void messagesAndDeduplicationSurviveARestartOnTheSameH2File() {
        String message = "{\"userId\":\"restart-user\",\"event\":\"Survived\",\"messageId\":\"restart-1\"}";

        try (var first = start()) {
            var response = new IntakeClient(port(first))
                    .post("/v1/track", message, "Authorization", IntakeClient.writeKeyHeader());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        try (var second = start()) {
            var response = new IntakeClient(port(second))
                    .post(
                            "/v1/batch",
                            "{\"batch\":[" + message.replace("{", "{\"type\":\"track\",") + "]}",
                            "Authorization",
                            IntakeClient.writeKeyHeader());
            JdbcClient jdbc = second.getBean(JdbcClient.class);

            assertThat(response.body()).contains("\"duplicates\":1");
            assertThat(jdbc.sql("select status from event_message where message_id = 'restart-1' order by received_at")
                            .query(String.class)
                            .list())
                    .containsExactly("no_match", "duplicate");
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("switchboard")
                                + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
