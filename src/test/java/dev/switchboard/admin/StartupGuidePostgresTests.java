package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On PostgreSQL the guide just names it, without the advice meant for H2. */
class StartupGuidePostgresTests extends StartupGuideIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "startup_guide");
    }

    @Override
    void assertDatabaseLine(String guideText) {
        assertThat(guideText).contains("Database: PostgreSQL\n").doesNotContain("H2");
    }
}
