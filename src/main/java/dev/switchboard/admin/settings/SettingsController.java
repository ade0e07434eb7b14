package dev.switchboard.admin.settings;

import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuResult;
import dev.switchboard.settings.RateLimits;
import dev.switchboard.settings.Setting;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings} (admins): the settings in effect and where each comes from, changed here as overrides of
 * the environment (Novu region or base URL and API key with a connection test, webhook secret, environment
 * name, retention, MVEL, Novu rate limit), each resettable to the environment's value; and the Segment write
 * keys (create, shown once; revoke). Secrets are write-only: the page shows the last 4 characters at most.
 */
@Controller
class SettingsController {

    private static final String SOURCE = "[A-Za-z0-9_.-]{1,100}";

    /** What "test connection" found, shown next to the API key field. */
    record ConnectionTest(boolean connected, String message) {}

    private final WriteKeys writeKeys;
    private final EffectiveSettings settings;
    private final NovuClient novu;

    SettingsController(WriteKeys writeKeys, EffectiveSettings settings, NovuClient novu) {
        this.writeKeys = writeKeys;
        this.settings = settings;
        this.novu = novu;
    }

    @GetMapping("/settings")
    String show(Model model) {
        return page(model, SettingsForm.of(settings), Map.of());
    }

    @PostMapping("/settings")
    String update(@ModelAttribute("form") SettingsForm form, Principal user, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<Setting, @Nullable String> changes = form.changes(errors);
        if (errors.isEmpty()) {
            settings.apply(changes, user.getName())
                    .forEach((setting, problem) -> errors.put(SettingsForm.field(setting), problem));
        }
        if (!errors.isEmpty()) {
            form.forgetSecrets();
            return page(model, form, errors);
        }
        redirect.addFlashAttribute("message", "Settings saved: in effect now, and recorded in the change log.");
        return "redirect:/settings";
    }

    @PostMapping("/settings/reset/{name}")
    String reset(@PathVariable String name, Principal user, RedirectAttributes redirect) {
        Setting setting = Setting.byKey(name).orElseThrow(() -> new UnknownSettingException(name));
        Map<Setting, @Nullable String> reset = new LinkedHashMap<>();
        reset.put(setting, null);
        settings.apply(reset, user.getName());
        redirect.addFlashAttribute("message", "Reset to the environment's value: " + setting.key() + ".");
        return "redirect:/settings";
    }

    /** Lists Novu's workflows with the typed (unsaved) base URL and key, or the key in effect when none is typed. */
    @PostMapping("/settings/novu/test")
    String testConnection(@ModelAttribute("form") SettingsForm form, Model model) {
        model.addAttribute("test", test(form));
        return "admin/settings/show :: connection-test";
    }

    @PostMapping("/settings/write-keys")
    String createWriteKey(@RequestParam String source, RedirectAttributes redirect) {
        if (!source.trim().matches(SOURCE)) {
            redirect.addFlashAttribute(
                    "error", "A source name is 1 to 100 letters, digits, dots, dashes or underscores.");
            return "redirect:/settings";
        }
        redirect.addFlashAttribute("newKey", writeKeys.create(source.trim()));
        redirect.addFlashAttribute("newKeySource", source.trim());
        return "redirect:/settings";
    }

    @PostMapping("/settings/write-keys/{id}/revoke")
    String revokeWriteKey(@PathVariable UUID id, RedirectAttributes redirect) {
        writeKeys.revoke(id);
        redirect.addFlashAttribute("message", "The write key is revoked: intake refuses it from now on.");
        return "redirect:/settings";
    }

    private String page(Model model, SettingsForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "settings",
                settings.all().stream()
                        .collect(Collectors.toMap(
                                s -> s.setting().name(), Function.identity(), (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("plans", RateLimits.Plan.values());
        model.addAttribute("writeKeys", writeKeys.list());
        return "admin/settings/show";
    }

    private ConnectionTest test(SettingsForm form) {
        String url = Setting.NOVU_BASE_URL.normalize(form.effectiveBaseUrl());
        String problem = Setting.NOVU_BASE_URL.problem(url);
        if (problem != null) {
            return new ConnectionTest(false, "The base URL " + problem + ".");
        }
        String key = form.getApiKey().isBlank()
                ? settings.effective(Setting.NOVU_API_KEY)
                : form.getApiKey().trim();
        if (key == null) {
            return new ConnectionTest(false, "No API key is set or typed: dry-run mode, nothing to test.");
        }
        NovuResult result =
                novu.workflows(new NovuClient.Connection(url, key), 1).result();
        if (result.delivered()) {
            return new ConnectionTest(true, "Connected: " + url + " accepted the API key.");
        }
        Integer status = result.httpStatus();
        if (status != null && (status == 401 || status == 403)) {
            return new ConnectionTest(false, "API key refused: Novu answered HTTP " + status + ".");
        }
        if (status != null) {
            return new ConnectionTest(false, "Novu answered HTTP " + status + ": " + result.reason());
        }
        String reason = result.reason();
        if (reason.contains("UnknownHostException")) {
            return new ConnectionTest(false, "Host not found (DNS): " + url);
        }
        if (reason.startsWith("timeout")) {
            return new ConnectionTest(false, "Novu did not answer in time: " + reason);
        }
        return new ConnectionTest(false, "Cannot reach Novu: " + reason);
    }
}
