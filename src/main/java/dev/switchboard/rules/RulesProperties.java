package dev.switchboard.rules;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rule engine settings.
 *
 * @param mvelEnabled whether rules may carry an advanced (MVEL) expression; off refuses such rules on save
 * @param mvelBudget the longest one expression evaluation may take before it counts as an error
 * @param refreshInterval how often an instance checks whether another one published a rule change
 */
@Validated
@ConfigurationProperties("switchboard.rules")
public record RulesProperties(
        @DefaultValue("true") boolean mvelEnabled,
        @DefaultValue("250ms") @NotNull Duration mvelBudget,
        @DefaultValue("2s") @NotNull Duration refreshInterval) {

    MvelSettings mvel() {
        return new MvelSettings(mvelEnabled, mvelBudget);
    }
}
