package dev.switchboard.security;

import static org.mockito.Mockito.mock;

import dev.switchboard.ingest.IngestProperties;
import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.settings.RuntimeSettings;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The real filter chains, login throttle included, for web slice tests: pages are tested behind the same rules
 * that protect them in production.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, LoginThrottle.class})
@EnableConfigurationProperties({IngestProperties.class, NovuProperties.class, MetricsProperties.class})
public class PageSecurityTestConfiguration {

    @Bean
    WriteKeys writeKeys() {
        return mock(WriteKeys.class);
    }

    /** No runtime overrides: every setting is the environment's. */
    @Bean
    RuntimeSettings runtimeSettings() {
        return mock(RuntimeSettings.class);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
