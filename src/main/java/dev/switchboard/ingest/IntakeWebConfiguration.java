package dev.switchboard.ingest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeWebConfiguration {

    /**
     * Spring Security's filter chain runs at order -100; the body must be read (and limited) before it, because
     * authentication may take the write key from the body.
     */
    static final int BODY_FILTER_ORDER = -110;

    @Bean
    FilterRegistrationBean<IntakeBodyFilter> intakeBodyFilter(IngestProperties properties) {
        var registration = new FilterRegistrationBean<>(new IntakeBodyFilter(properties));
        registration.addUrlPatterns("/v1/*", "/webhooks/*");
        registration.setOrder(BODY_FILTER_ORDER);
        return registration;
    }
}
