package dev.switchboard.rules;

import dev.switchboard.mapping.ActionCompiler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleCompiler ruleCompiler(RulesProperties properties) {
        ActionCompiler actions = new ActionCompiler();
        return new RuleCompiler(actions::compile, properties.mvel());
    }
}
