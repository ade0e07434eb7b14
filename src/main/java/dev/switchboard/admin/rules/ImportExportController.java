package dev.switchboard.admin.rules;

import dev.switchboard.admin.CurrentUser;
import dev.switchboard.rules.ImportResult;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleFormat;
import dev.switchboard.rules.RuleProblem;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /rules/import-export}: upload a rules file (all or nothing, every problem listed), download all rules. */
@Controller
class ImportExportController {

    private final RuleCatalog catalog;
    private final JsonMapper json;

    ImportExportController(RuleCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @GetMapping("/rules/import-export")
    String show() {
        return "admin/rules/import-export";
    }

    @GetMapping("/rules/export.json")
    ResponseEntity<String> export() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"switchboard-rules.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writerWithDefaultPrettyPrinter().writeValueAsString(catalog.export()));
    }

    @PostMapping("/rules/import")
    String importRules(
            @RequestParam("file") MultipartFile file, Authentication user, Model model, RedirectAttributes redirect)
            throws IOException {
        JsonNode rules;
        try {
            rules = json.readTree(file.getBytes());
        } catch (JacksonException e) {
            return problems(model, List.of(new RuleProblem("", "the file is not JSON: " + e.getOriginalMessage())));
        }
        try {
            if (!CurrentUser.of(user).admin()
                    && RuleFormat.rulesIn(rules).stream().anyMatch(r -> RuleCatalog.hasExpression(r.json()))) {
                return problems(
                        model, List.of(new RuleProblem("", "only admins may import rules with advanced expressions")));
            }
            ImportResult result = catalog.importRules(rules, user.getName());
            redirect.addFlashAttribute(
                    "message",
                    "Imported: " + result.created().size() + " created, "
                            + result.updated().size() + " changed, "
                            + result.unchanged().size() + " unchanged.");
            return "redirect:/rules";
        } catch (InvalidRuleException e) {
            return problems(model, e.problems());
        }
    }

    private static String problems(Model model, List<RuleProblem> problems) {
        model.addAttribute("problems", problems);
        return "admin/rules/import-export";
    }
}
