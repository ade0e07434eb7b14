package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The guide printed when Switchboard is ready names the database it found: on the embedded H2 it says that
 * PostgreSQL is the one for production, and it never prints a JDBC URL (one may carry a password).
 */
@SpringBootTest
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class StartupGuideIntegrationTests {

    @Autowired
    StartupGuide guide;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void namesTheDatabaseItRunsOn(CapturedOutput output) {
        // The context is shared between test classes and was ready before this one ran: announce it again.
        guide.ready(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        String guideText = output.getAll().substring(output.getAll().lastIndexOf("Switchboard is ready"));
        assertThat(guideText).doesNotContain("jdbc:");
        assertDatabaseLine(guideText);
    }

    void assertDatabaseLine(String guideText) {
        assertThat(guideText)
                .contains("Database: embedded H2 file")
                .contains("for production set SPRING_DATASOURCE_URL to a PostgreSQL database");
    }
}
