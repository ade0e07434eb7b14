package dev.switchboard.admin.rules;

import dev.switchboard.admin.CurrentUser;
import dev.switchboard.admin.StatsCharts;
import dev.switchboard.rules.InvalidRuleException;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleConflictException;
import dev.switchboard.rules.RuleProblem;
import dev.switchboard.rules.RuleView;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rule builder: {@code /rules/new} and {@code /rules/{key}}. Editing buttons re-show the form; save keeps a
 * draft, publish makes it live; compiler problems appear next to their field. Rules the form cannot say exactly
 * open in the JSON editor.
 */
@Controller
class RuleBuilderController {

    private final RuleCatalog catalog;
    private final BuilderPage page;
    private final JsonMapper json;
    private final StatsCharts charts;

    RuleBuilderController(RuleCatalog catalog, BuilderPage page, JsonMapper json, StatsCharts charts) {
        this.catalog = catalog;
        this.page = page;
        this.json = json;
        this.charts = charts;
    }

    @GetMapping("/rules/new")
    String showCreateForm(Model model) {
        return page.show(model, RuleForm.blank(), null, FieldErrors.none());
    }

    /** The rule with its chart: the last 7 days per day, or with {@code stats=hour} the last 24 hours per hour. */
    @GetMapping("/rules/{key}")
    String showEditForm(@PathVariable String key, @RequestParam(defaultValue = "day") String stats, Model model) {
        RuleView rule = catalog.get(key);
        String range = "hour".equals(stats) ? "hour" : "day";
        model.addAttribute("statsRange", range);
        model.addAttribute("chart", charts.rule(key, range));
        return page.show(model, RuleForm.from(rule.current()), rule, FieldErrors.none());
    }

    @PostMapping("/rules/new")
    String create(
            @ModelAttribute("form") RuleForm form,
            @RequestParam("_op") String op,
            @RequestParam(defaultValue = "trigger") String newActionType,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        return edit(null, form, op, newActionType, user, model, redirect);
    }

    @PostMapping("/rules/{key}")
    String update(
            @PathVariable String key,
            @ModelAttribute("form") RuleForm form,
            @RequestParam("_op") String op,
            @RequestParam(defaultValue = "trigger") String newActionType,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        return edit(catalog.get(key), form, op, newActionType, user, model, redirect);
    }

    @PostMapping("/rules/{key}/json")
    String updateJson(
            @PathVariable String key,
            @RequestParam("json") String text,
            @RequestParam(defaultValue = "false") boolean publish,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        RuleView rule = catalog.get(key);
        List<RuleProblem> problems = new ArrayList<>();
        try {
            JsonNode edited = json.readTree(text);
            checkExpression(edited, user);
            catalog.saveDraft(key, edited, user.getName(), publish);
            redirect.addFlashAttribute("message", publish ? "Published." : "Draft saved.");
            return "redirect:/rules/" + key;
        } catch (JacksonException e) {
            problems.add(new RuleProblem("", "the text is not valid JSON: " + e.getOriginalMessage()));
        } catch (InvalidRuleException e) {
            problems.addAll(e.problems());
        }
        model.addAttribute("jsonText", text);
        return page.show(model, RuleForm.from(rule.current()), rule, FieldErrors.place(problems, new RuleForm()));
    }

    private String edit(
            @Nullable RuleView rule,
            RuleForm form,
            String op,
            String newActionType,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        if (!"save".equals(op) && !"publish".equals(op)) {
            BuilderOps.apply(form, op, newActionType);
            form.toJson();
            return page.show(model, form, rule, FieldErrors.none());
        }
        List<RuleProblem> problems = new ArrayList<>();
        JsonNode definition = form.toJson(problems);
        if (problems.isEmpty()) {
            try {
                checkExpression(definition, user);
                boolean publish = "publish".equals(op);
                RuleView saved = rule == null
                        ? catalog.create(definition, user.getName(), publish)
                        : catalog.saveDraft(rule.key(), definition, user.getName(), publish);
                redirect.addFlashAttribute("message", publish ? "Published." : "Draft saved.");
                return "redirect:/rules/" + saved.key();
            } catch (InvalidRuleException e) {
                problems.addAll(e.problems());
            } catch (RuleConflictException e) {
                problems.add(new RuleProblem("key", e.getMessage()));
            }
        }
        return page.show(model, form, rule, FieldErrors.place(problems, form));
    }

    /** Advanced expressions are code: only admins may write them, as in the JSON API. */
    private static void checkExpression(JsonNode definition, Authentication user) {
        if (RuleCatalog.hasExpression(definition) && !CurrentUser.of(user).admin()) {
            throw InvalidRuleException.withProblems(List.of(new RuleProblem(
                    "when.expression", "only admins may write advanced expressions; remove it to save")));
        }
    }
}
