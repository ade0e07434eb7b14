package dev.switchboard.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InfrastructureConfiguration {

    /** Every "now" goes through this clock, so tests can fix time instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
