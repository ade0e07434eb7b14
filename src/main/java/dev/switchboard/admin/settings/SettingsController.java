package dev.switchboard.admin.settings;

import dev.switchboard.ingest.IngestProperties;
import dev.switchboard.ingest.WriteKeys;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.rules.RulesProperties;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /settings} (admins): the configuration in effect, secrets masked, and the Segment write keys (create,
 * shown once; revoke). Changing the other settings here, as overrides of the environment, is not built yet.
 */
@Controller
class SettingsController {

    private static final String SOURCE = "[A-Za-z0-9_.-]{1,100}";

    private final WriteKeys writeKeys;
    private final NovuProperties novu;
    private final IngestProperties ingest;
    private final RulesProperties rules;

    SettingsController(WriteKeys writeKeys, NovuProperties novu, IngestProperties ingest, RulesProperties rules) {
        this.writeKeys = writeKeys;
        this.novu = novu;
        this.ingest = ingest;
        this.rules = rules;
    }

    @GetMapping("/settings")
    String show(Model model) {
        model.addAttribute("novu", novu);
        model.addAttribute("apiKey", masked(novu.apiKey()));
        model.addAttribute(
                "webhookSecretSet",
                ingest.webhookSecret() != null && !ingest.webhookSecret().isBlank());
        model.addAttribute("ingest", ingest);
        model.addAttribute("rules", rules);
        model.addAttribute("writeKeys", writeKeys.list());
        return "admin/settings/show";
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

    /** Enough of a secret to recognise it, never enough to use it. */
    static String masked(String secret) {
        if (secret == null || secret.isBlank()) {
            return "";
        }
        return secret.length() <= 8 ? "••••" : "••••" + secret.substring(secret.length() - 4);
    }
}
