package dev.switchboard.rules;

import dev.switchboard.mapping.ActionCompiler;
import dev.switchboard.settings.RuntimeSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleCompiler ruleCompiler(RulesProperties properties, RuntimeSettings settings) {
        ActionCompiler actions = new ActionCompiler();
        // MVEL on or off as set on /settings, else switchboard.rules.mvel-enabled; asked on every compile.
        return new RuleCompiler(
                actions::compile,
                properties.mvelBudget(),
                () -> settings.mvelEnabled().orElse(properties.mvelEnabled()));
    }
}
