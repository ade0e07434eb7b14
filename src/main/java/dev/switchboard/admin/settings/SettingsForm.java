package dev.switchboard.admin.settings;

import dev.switchboard.settings.RateLimits;
import dev.switchboard.settings.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The settings form. Secrets are write-only: the page never fills them in, and an empty field keeps the secret
 * in effect. Plain strings, so that every value reaches the validation and its message names the field.
 */
public class SettingsForm {

    static final String US = "us";
    static final String EU = "eu";
    static final String CUSTOM = "custom";

    private String region = US;
    private String baseUrl = "";
    private String apiKey = "";
    private String webhookSecret = "";
    private String environmentName = "";
    private String retentionDays = "";
    private String mvelEnabled = "true";
    private String plan = "free";
    private String trigger = "";
    private String configuration = "";
    private String global = "";

    /** The form as it shows the settings in effect (secrets left empty). */
    static SettingsForm of(EffectiveSettings settings) {
        SettingsForm form = new SettingsForm();
        String url = String.valueOf(settings.effective(Setting.NOVU_BASE_URL));
        form.region = url.equals(Setting.NOVU_US) ? US : url.equals(Setting.NOVU_EU) ? EU : CUSTOM;
        form.baseUrl = url;
        form.environmentName = String.valueOf(settings.effective(Setting.ENVIRONMENT_NAME));
        form.retentionDays = String.valueOf(settings.effective(Setting.RETENTION_DAYS));
        form.mvelEnabled = String.valueOf(settings.effective(Setting.MVEL_ENABLED));
        RateLimits limits = settings.rateLimits();
        form.plan = limits.plan();
        form.trigger = number(limits.trigger());
        form.configuration = number(limits.configuration());
        form.global = number(limits.global());
        return form;
    }

    /** The Novu base URL the region stands for. */
    String effectiveBaseUrl() {
        return switch (region) {
            case US -> Setting.NOVU_US;
            case EU -> Setting.NOVU_EU;
            default -> baseUrl.trim();
        };
    }

    /**
     * What the form asks to set (secrets only when typed), or the problem per form field when a custom rate is
     * not a number above 0.
     */
    Map<Setting, @Nullable String> changes(Map<String, String> fieldProblems) {
        Map<Setting, @Nullable String> changes = new LinkedHashMap<>();
        changes.put(Setting.NOVU_BASE_URL, effectiveBaseUrl());
        if (!apiKey.isBlank()) {
            changes.put(Setting.NOVU_API_KEY, apiKey);
        }
        if (!webhookSecret.isBlank()) {
            changes.put(Setting.WEBHOOK_SECRET, webhookSecret);
        }
        changes.put(Setting.ENVIRONMENT_NAME, environmentName);
        changes.put(Setting.RETENTION_DAYS, retentionDays);
        changes.put(Setting.MVEL_ENABLED, mvelEnabled);
        if (plan.equals(RateLimits.CUSTOM)) {
            rate("trigger", trigger, fieldProblems);
            rate("configuration", configuration, fieldProblems);
            rate("global", global, fieldProblems);
            changes.put(
                    Setting.RATE_LIMIT,
                    RateLimits.CUSTOM + ":" + trigger.trim() + "," + configuration.trim() + "," + global.trim());
        } else {
            changes.put(Setting.RATE_LIMIT, plan);
        }
        return changes;
    }

    /** The form field that shows a setting's problem. */
    static String field(Setting setting) {
        return switch (setting) {
            case NOVU_BASE_URL -> "baseUrl";
            case NOVU_API_KEY -> "apiKey";
            case WEBHOOK_SECRET -> "webhookSecret";
            case ENVIRONMENT_NAME -> "environmentName";
            case RETENTION_DAYS -> "retentionDays";
            case MVEL_ENABLED -> "mvelEnabled";
            case RATE_LIMIT -> "plan";
        };
    }

    private static void rate(String field, String value, Map<String, String> problems) {
        try {
            double rate = Double.parseDouble(value.trim());
            if (!(rate > 0)) {
                problems.put(field, "must be above 0 requests per second");
            } else if (rate > 1_000_000) {
                problems.put(field, "must be at most 1000000 requests per second");
            }
        } catch (NumberFormatException e) {
            problems.put(field, "must be a number of requests per second");
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Cleared before the form is shown again: a secret never goes back into the page. */
    void forgetSecrets() {
        apiKey = "";
        webhookSecret = "";
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region == null ? US : region;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl == null ? "" : baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(@Nullable String webhookSecret) {
        this.webhookSecret = webhookSecret == null ? "" : webhookSecret;
    }

    public String getEnvironmentName() {
        return environmentName;
    }

    public void setEnvironmentName(@Nullable String environmentName) {
        this.environmentName = environmentName == null ? "" : environmentName;
    }

    public String getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(@Nullable String retentionDays) {
        this.retentionDays = retentionDays == null ? "" : retentionDays;
    }

    public String getMvelEnabled() {
        return mvelEnabled;
    }

    public void setMvelEnabled(@Nullable String mvelEnabled) {
        this.mvelEnabled = mvelEnabled == null ? "false" : mvelEnabled;
    }

    public String getPlan() {
        return plan;
    }

    public void setPlan(@Nullable String plan) {
        this.plan = plan == null ? "" : plan;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(@Nullable String trigger) {
        this.trigger = trigger == null ? "" : trigger;
    }

    public String getConfiguration() {
        return configuration;
    }

    public void setConfiguration(@Nullable String configuration) {
        this.configuration = configuration == null ? "" : configuration;
    }

    public String getGlobal() {
        return global;
    }

    public void setGlobal(@Nullable String global) {
        this.global = global == null ? "" : global;
    }
}
