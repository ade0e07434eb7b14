package dev.switchboard.rules;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The example rules loaded into an empty database at start.
 *
 * @param load whether to load them (only ever into a database without any rule)
 * @param location where the rule files are; the jar carries a copy of {@code rules-examples/}
 */
@Validated
@ConfigurationProperties("switchboard.examples")
public record ExamplesProperties(
        @DefaultValue("true") boolean load,

        @DefaultValue("classpath:rules-examples/*.json") @NotBlank
        String location) {}
