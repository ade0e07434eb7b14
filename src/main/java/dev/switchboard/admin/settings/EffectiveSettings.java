package dev.switchboard.admin.settings;

import dev.switchboard.audit.AuditProperties;
import dev.switchboard.dispatch.DispatchProperties;
import dev.switchboard.ingest.IngestProperties;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.rules.RulesProperties;
import dev.switchboard.settings.EnvironmentProperties;
import dev.switchboard.settings.RateLimits;
import dev.switchboard.settings.RuntimeSettings;
import dev.switchboard.settings.Secrets;
import dev.switchboard.settings.Setting;
import dev.switchboard.settings.SettingOverride;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The value of each runtime setting in effect (an override from {@code /settings}, else the environment's) and
 * how changes are applied, for the page and the JSON API alike.
 */
@Component
class EffectiveSettings {

    /**
     * One setting as people may see it.
     *
     * @param shown the value, masked for secrets ("" when a secret is not set)
     * @param environment the environment's value, masked for secrets
     */
    record Shown(
            Setting setting,
            String shown,
            String environment,
            boolean overridden,
            @Nullable Instant updatedAt,
            @Nullable String updatedBy) {

        public String name() {
            return setting.key();
        }
    }

    private final RuntimeSettings settings;
    private final NovuProperties novu;
    private final IngestProperties ingest;
    private final AuditProperties audit;
    private final RulesProperties rules;
    private final DispatchProperties dispatch;
    private final EnvironmentProperties environment;

    EffectiveSettings(
            RuntimeSettings settings,
            NovuProperties novu,
            IngestProperties ingest,
            AuditProperties audit,
            RulesProperties rules,
            DispatchProperties dispatch,
            EnvironmentProperties environment) {
        this.settings = settings;
        this.novu = novu;
        this.ingest = ingest;
        this.audit = audit;
        this.rules = rules;
        this.dispatch = dispatch;
        this.environment = environment;
    }

    /** The environment's value (secrets in clear: never show them). */
    @Nullable
    String environment(Setting setting) {
        return switch (setting) {
            case NOVU_BASE_URL -> Setting.NOVU_BASE_URL.normalize(novu.baseUrl());
            case NOVU_API_KEY -> blankToNull(novu.apiKey());
            case WEBHOOK_SECRET -> blankToNull(ingest.webhookSecret());
            case ENVIRONMENT_NAME -> environment.environmentName();
            case RETENTION_DAYS -> Long.toString(audit.retention().messages().toDays());
            case MVEL_ENABLED -> Boolean.toString(rules.mvelEnabled());
            case RATE_LIMIT -> rateLimits(dispatch.rateLimit()).value();
        };
    }

    /** The value in effect (secrets in clear: never show them). */
    @Nullable
    String effective(Setting setting) {
        return settings.text(setting).orElseGet(() -> environment(setting));
    }

    Optional<SettingOverride> override(Setting setting) {
        return settings.override(setting);
    }

    RateLimits rateLimits() {
        String value = effective(Setting.RATE_LIMIT);
        return RateLimits.parse(value == null ? "" : value).orElseGet(() -> rateLimits(dispatch.rateLimit()));
    }

    List<Shown> all() {
        List<Shown> all = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            Optional<SettingOverride> override = settings.override(setting);
            all.add(new Shown(
                    setting,
                    shown(setting, effective(setting)),
                    shown(setting, environment(setting)),
                    override.isPresent(),
                    override.map(SettingOverride::updatedAt).orElse(null),
                    override.map(SettingOverride::updatedBy).orElse(null)));
        }
        return all;
    }

    /**
     * Applies changes all or nothing: a value overrides the setting when it differs from the value in effect, a
     * null resets it to the environment's value. Nothing is written unless every value is valid.
     *
     * @return the problem per setting; empty when applied
     */
    @Transactional
    Map<Setting, String> apply(Map<Setting, @Nullable String> changes, String user) {
        Map<Setting, String> problems = new LinkedHashMap<>();
        changes.forEach((setting, value) -> {
            if (value != null) {
                String problem = setting.problem(setting.normalize(value));
                if (problem != null) {
                    problems.put(setting, problem);
                }
            }
        });
        if (!problems.isEmpty()) {
            return problems;
        }
        changes.forEach((setting, value) -> {
            if (value == null) {
                settings.reset(setting, user);
            } else if (!Objects.equals(setting.normalize(value), effective(setting))) {
                settings.set(setting, value, user);
            }
        });
        return problems;
    }

    private static String shown(Setting setting, @Nullable String value) {
        if (value == null) {
            return "";
        }
        return setting.secret() ? Secrets.masked(value) : value;
    }

    /** The environment's numbers, named after the plan they match if any. */
    private static RateLimits rateLimits(DispatchProperties.RateLimit limits) {
        return Arrays.stream(RateLimits.Plan.values())
                .map(RateLimits.Plan::limits)
                .filter(p -> p.trigger() == limits.trigger()
                        && p.configuration() == limits.configuration()
                        && p.global() == limits.global())
                .findFirst()
                .orElseGet(() -> RateLimits.custom(limits.trigger(), limits.configuration(), limits.global()));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
