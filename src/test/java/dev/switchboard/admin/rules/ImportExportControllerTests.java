package dev.switchboard.admin.rules;

import static dev.switchboard.admin.rules.RuleFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.rules.ImportResult;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(ImportExportController.class)
@Import(AdminSliceTestConfiguration.class)
class ImportExportControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RuleCatalog catalog;

    @MockitoBean
    UserDetailsService users;

    private static MockMultipartFile file(String text) {
        return new MockMultipartFile("file", "rules.json", "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void downloadsEveryRuleAsAFile() {
        given(catalog.export()).willReturn(JSON.readTree("{\"rules\": []}"));

        assertThat(mvc.get().uri("/rules/export.json").with(user("vic").roles("VIEWER")))
                .hasStatusOk()
                .hasHeader("Content-Disposition", "attachment; filename=\"switchboard-rules.json\"")
                .bodyJson()
                .isLenientlyEqualTo("{\"rules\": []}");
    }

    @Test
    void importsAValidFile() {
        given(catalog.importRules(any(), any())).willReturn(new ImportResult(List.of("a"), List.of("b"), List.of()));

        var result = mvc.post()
                .uri("/rules/import")
                .multipart()
                .file(file("{\"rules\": []}"))
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .hasStatus3xxRedirection()
                .flash()
                .containsEntry("message", "Imported: 1 created, 1 changed, 0 unchanged.");
    }

    @Test
    void listsEveryProblemPerRuleAndAppliesNothing() {
        given(catalog.importRules(any(), any()))
                .willThrow(InvalidRuleException.withProblems(List.of(
                        new RuleProblem("rules[0].when.all[0].op", "unknown operator"),
                        new RuleProblem("rules[2].key", "must match [a-z0-9]"))));

        var result = mvc.post()
                .uri("/rules/import")
                .multipart()
                .file(file("{\"rules\": []}"))
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result)
                .hasStatusOk()
                .bodyText()
                .contains("Nothing was imported", "rules[0].when.all[0].op", "unknown operator", "rules[2].key");
    }

    @Test
    void saysWhenTheFileIsNotJson() {
        var result = mvc.post()
                .uri("/rules/import")
                .multipart()
                .file(file("rules: yes"))
                .with(user("eve").roles("EDITOR"))
                .with(csrf())
                .exchange();

        assertThat(result).bodyText().contains("the file is not JSON");
        verify(catalog, never()).importRules(any(), any());
    }

    @Test
    void refusesAdvancedExpressionsFromAnEditor() {
        String rule = "{\"key\": \"x\", \"name\": \"x\", \"when\": {\"expression\": \"true\"}, \"actions\": []}";

        assertThat(mvc.post()
                        .uri("/rules/import")
                        .multipart()
                        .file(file(rule))
                        .with(user("eve").roles("EDITOR"))
                        .with(csrf()))
                .bodyText()
                .contains("only admins may import rules with advanced expressions");
        verify(catalog, never()).importRules(any(), any());
    }

    @Test
    void refusesAViewerWhoUploads() {
        assertThat(mvc.post()
                        .uri("/rules/import")
                        .multipart()
                        .file(file("{}"))
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatus(403);
    }
}
