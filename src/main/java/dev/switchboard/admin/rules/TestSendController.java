package dev.switchboard.admin.rules;

import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.novu.NovuRequest;
import dev.switchboard.novu.NovuResult;
import dev.switchboard.settings.RuntimeSettings;
import java.security.Principal;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Send this test to Novu" on the builder's test result (htmx fragments, editors and admins): the first POST
 * shows exactly what would be sent where, the second sends it through the {@link NovuClient} and shows Novu's
 * answer. It is a test: nothing is stored as a delivery, one log line says who sent which rule's test. Only the
 * calls the rule format's actions make can be sent this way, not any Novu endpoint.
 */
@Controller
class TestSendController {

    private static final Logger log = LoggerFactory.getLogger(TestSendController.class);

    /** The calls actions make: trigger and cancel, subscriber upsert and delete, topic subscriptions. */
    private static final Pattern ACTION_CALL = Pattern.compile("(POST /v1/events/trigger"
            + "|DELETE /v1/events/trigger/[^/?#]+"
            + "|POST /v2/subscribers"
            + "|DELETE /v2/subscribers/[^/?#]+"
            + "|(POST|DELETE) /v2/topics/[^/?#]+/subscriptions)");

    private final NovuClient client;
    private final NovuProperties properties;
    private final RuntimeSettings settings;
    private final JsonMapper json;

    TestSendController(NovuClient client, NovuProperties properties, RuntimeSettings settings, JsonMapper json) {
        this.settings = settings;
        this.client = client;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping("/rules/try/send/confirm")
    String confirm(
            @RequestParam(defaultValue = "") String novuRule,
            @RequestParam(defaultValue = "") String novuMethod,
            @RequestParam(defaultValue = "") String novuPath,
            @RequestParam(defaultValue = "") String novuBody,
            @RequestParam(defaultValue = "") String novuIdempotencyKey,
            Model model) {
        NovuRequest request = request(novuMethod, novuPath, novuBody, novuIdempotencyKey, model);
        if (request == null) {
            return "admin/rules/results :: send";
        }
        model.addAttribute("confirm", true);
        model.addAttribute("rule", novuRule);
        model.addAttribute("call", request);
        model.addAttribute("url", baseUrl() + request.path());
        model.addAttribute("prettyBody", request.body() == null ? "" : pretty(request.body()));
        model.addAttribute("vals", vals(novuRule, request));
        return "admin/rules/results :: send";
    }

    @PostMapping("/rules/try/send")
    String send(
            @RequestParam(defaultValue = "") String novuRule,
            @RequestParam(defaultValue = "") String novuMethod,
            @RequestParam(defaultValue = "") String novuPath,
            @RequestParam(defaultValue = "") String novuBody,
            @RequestParam(defaultValue = "") String novuIdempotencyKey,
            Principal who,
            Model model) {
        NovuRequest request = request(novuMethod, novuPath, novuBody, novuIdempotencyKey, model);
        if (request == null) {
            return "admin/rules/results :: send";
        }
        NovuResult result = client.send(request);
        log.info(
                "{} sent a test of rule {} to Novu: {} {} (Idempotency-Key {}) answered {} {}",
                who.getName(),
                novuRule.isBlank() ? "(unsaved)" : novuRule,
                request.method(),
                request.path(),
                request.idempotencyKey(),
                result.httpStatus() == null ? "no status" : result.httpStatus(),
                result.reason());
        model.addAttribute("call", request);
        model.addAttribute("url", baseUrl() + request.path());
        model.addAttribute("answer", result);
        return "admin/rules/results :: send";
    }

    /** The request as the trial showed it, or null with the reason in the model when it cannot be sent. */
    private @Nullable NovuRequest request(String method, String path, String body, String key, Model model) {
        if (NovuClient.Connection.effective(properties, settings).dryRun()) {
            model.addAttribute("refused", "dryRun");
            return null;
        }
        if (!ACTION_CALL.matcher(method + " " + path).matches()) {
            model.addAttribute("refused", "notAnAction");
            return null;
        }
        if (!body.isBlank()) {
            try {
                json.readTree(body);
            } catch (JacksonException e) {
                model.addAttribute("refused", "notAnAction");
                return null;
            }
        }
        return new NovuRequest(method, path, body.isBlank() ? null : body, key.isBlank() ? null : key);
    }

    private String pretty(String body) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(body));
    }

    private String baseUrl() {
        return NovuClient.Connection.effective(properties, settings).baseUrl();
    }

    /** The hx-vals of the send button: the same request again, nothing recomputed. */
    private String vals(String rule, NovuRequest request) {
        return vals(
                json,
                rule,
                request.method(),
                request.path(),
                request.body(),
                request.idempotencyKey() == null ? "" : request.idempotencyKey());
    }

    /** The hx-vals of a send button: the request exactly as the trial showed it. */
    static String vals(JsonMapper json, String rule, String method, String path, @Nullable String body, String key) {
        var node = json.createObjectNode()
                .put("novuRule", rule)
                .put("novuMethod", method)
                .put("novuPath", path)
                .put("novuBody", body == null ? "" : body)
                .put("novuIdempotencyKey", key);
        return json.writeValueAsString(node);
    }
}
