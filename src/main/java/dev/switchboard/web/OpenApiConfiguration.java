package dev.switchboard.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description at {@code /v3/api-docs}, with the rule format's JSON Schema
 * ({@code /schemas/rule.schema.json}) as its components, so rule bodies are described exactly, not as "object".
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** JSON Schema definitions and the component names they get in the OpenAPI document. */
    private static final Map<String, String> COMPONENTS = Map.of(
            "rule", "Rule",
            "when", "RuleWhen",
            "condition", "RuleCondition",
            "mapped", "MappedValue",
            "duration", "MappedDuration",
            "action", "RuleAction");

    @Bean
    OpenAPI switchboardOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Switchboard API")
                        .description("Segment intake (/v1, /webhooks), rules (/api/rules) and the audit log"
                                + " (/api/events). Automation authenticates with HTTP Basic.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @Bean
    OpenApiCustomizer ruleFormatSchemas() {
        String schema = read("static/schemas/rule.schema.json");
        for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
            schema = schema.replace(
                    "\"#/$defs/" + component.getKey() + "\"", "\"#/components/schemas/" + component.getValue() + "\"");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> definitions = (Map<String, Object>)
                JsonMapper.builder().build().readValue(schema, Map.class).get("$defs");
        return openApi -> definitions.forEach((name, definition) -> openApi.getComponents()
                .addSchemas(COMPONENTS.get(name), Json31.mapper().convertValue(definition, Schema.class)));
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
