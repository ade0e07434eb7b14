package dev.switchboard.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Metrics settings.
 *
 * @param token a bearer token that a Prometheus server may present for {@code /actuator/prometheus} (and only
 *     there); empty: only an admin login opens it
 */
@Validated
@ConfigurationProperties("switchboard.metrics")
public record MetricsProperties(@Nullable String token) {}
