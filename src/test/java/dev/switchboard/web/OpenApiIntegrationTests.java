package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.switchboard.support.IntakeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description and the rule format's JSON Schema, as automation fetches them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void describesTheApiWithTheRuleSchemaForLoggedInCallersOnly() {
        var client = new IntakeClient(port);

        var anonymous = client.get("/v3/api-docs", "Accept", "application/json");
        var document = client.get("/v3/api-docs", "Authorization", IntakeClient.adminHeader());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        JsonNode api = JSON.readTree(document.body());
        assertThat(api.path("paths").propertyNames())
                .contains(
                        "/api/rules",
                        "/api/rules/{key}",
                        "/api/rules/import",
                        "/api/rules/test",
                        "/v1/batch",
                        "/webhooks/segment",
                        "/api/events");
        assertThat(api.path("components")
                        .path("schemas")
                        .path("Rule")
                        .path("required")
                        .toString())
                .contains("key", "actions");
        assertThat(api.path("paths")
                        .path("/api/rules")
                        .path("post")
                        .path("requestBody")
                        .toString())
                .contains("#/components/schemas/Rule");
    }

    @Test
    void ruleSchemaAcceptsEveryExampleAndRefusesTypos() throws Exception {
        var client = new IntakeClient(port);
        String text = client.get("/schemas/rule.schema.json", "Authorization", IntakeClient.adminHeader())
                .body();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(text);

        try (Stream<Path> files = Files.list(Path.of("rules-examples"))) {
            for (Path file : files.toList()) {
                List<Error> errors = schema.validate(Files.readString(file), InputFormat.JSON);
                assertThat(errors).as(file.toString()).isEmpty();
            }
        }
        String typo = """
                {"key": "k", "name": "n", "when": {"all": [{"path": "$.a", "op": "equal", "value": 1}]},
                 "actions": [{"type": "trigger", "workflowId": "w", "to": {"subscriberId": "s"}, "paylod": {}}]}
                """;
        assertThat(schema.validate(typo, InputFormat.JSON)).isNotEmpty();
    }
}
