package dev.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Setting;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The retention purge uses the days set on /settings for the traffic tables, at its next run. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RetentionSettingsIntegrationTests {

    @Autowired
    RetentionPurge purge;

    @Autowired
    RuntimeSettings settings;

    @AfterEach
    void backToTheEnvironment() {
        settings.reset(Setting.RETENTION_DAYS, "test-cleanup");
    }

    @Test
    void usesTheDaysSetOnSettingsForTrafficButKeepsTheChangeLogsOwnRetention() {
        assertThat(purge.retention().messages()).isEqualTo(Duration.ofDays(30));

        settings.set(Setting.RETENTION_DAYS, "7", "ada");

        AuditProperties.Retention retention = purge.retention();
        assertThat(retention.messages()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.decisions()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.deliveries()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.attempts()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.changes()).isEqualTo(Duration.ofDays(365));
    }
}
