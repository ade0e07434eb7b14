package dev.switchboard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class RulesModuleTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void rulesDependsOnlyOnMessageAndMapping() {
        var rules = MODULES.getModuleByName("rules").orElseThrow();
        assertThat(rules.getDirectDependencies(MODULES).stream()
                        .map(dependency ->
                                dependency.getTargetModule().getIdentifier().toString())
                        .toList())
                .containsOnly("message", "mapping");
        MODULES.verify();
    }
}
