package dev.switchboard.admin.settings;

import dev.switchboard.settings.Setting;
import dev.switchboard.web.Problems;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/settings} (admins, like the page): the runtime settings in effect, secrets masked, and changes to
 * them. {@code PUT} takes {@code {"novu.base-url": "https://eu.api.novu.co", "rules.mvel-enabled": null}}: a
 * value overrides the setting, {@code null} resets it to the environment's value; all or nothing.
 */
@RestController
class SettingsApiController {

    private final EffectiveSettings settings;

    SettingsApiController(EffectiveSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/settings")
    List<EffectiveSettings.Shown> list() {
        return settings.all();
    }

    @PutMapping("/api/settings")
    ResponseEntity<?> update(@RequestBody Map<String, @Nullable String> body, Principal user) {
        Map<Setting, @Nullable String> changes = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            Optional<Setting> setting = Setting.byKey(name);
            if (setting.isEmpty()) {
                errors.put(name, "no such setting");
            } else {
                changes.put(setting.get(), value);
            }
        });
        if (errors.isEmpty()) {
            settings.apply(changes, user.getName()).forEach((setting, problem) -> errors.put(setting.key(), problem));
        }
        if (!errors.isEmpty()) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "invalid-settings",
                    "Invalid settings",
                    "Nothing was changed: " + errors.size() + " setting(s) are not valid.");
            problem.setProperty("errors", errors);
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.ok(settings.all());
    }
}
