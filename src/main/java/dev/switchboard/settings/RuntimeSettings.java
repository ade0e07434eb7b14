package dev.switchboard.settings;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The overrides in effect, from memory. Consumers ask for a setting's override and fall back to their own
 * environment value, e.g. {@code settings.text(Setting.NOVU_BASE_URL).orElse(properties.baseUrl())}. Every read
 * is a lookup in an immutable map: no database read per event or delivery. The map is reloaded after a change
 * here commits, and every {@code switchboard.settings.refresh-interval} when another instance changed something.
 */
@Service
public class RuntimeSettings {

    private static final Logger log = LoggerFactory.getLogger(RuntimeSettings.class);

    private final OverrideStore store;
    private final SettingsEncryption encryption;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final EnvironmentProperties environment;

    private volatile @Nullable Map<Setting, SettingOverride> overrides;
    private volatile OverrideStore.@Nullable Revision revision;

    RuntimeSettings(
            OverrideStore store,
            SettingsProperties properties,
            EnvironmentProperties environment,
            ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.encryption = SettingsEncryption.from(properties);
        this.events = events;
        this.clock = clock;
        this.environment = environment;
    }

    /** The override of a setting, if an admin set one. */
    public Optional<SettingOverride> override(Setting setting) {
        Map<Setting, SettingOverride> known = overrides;
        if (known == null) {
            // Loaded on first use rather than in the constructor, which may run before the migrations.
            known = load();
        }
        return Optional.ofNullable(known.get(setting));
    }

    /** The overridden value as text (decrypted for secrets: never show or log it). */
    public Optional<String> text(Setting setting) {
        return override(setting).map(SettingOverride::value);
    }

    /** The overridden retention in days. */
    public OptionalInt retentionDays() {
        return text(Setting.RETENTION_DAYS)
                .map(v -> OptionalInt.of(Integer.parseInt(v)))
                .orElse(OptionalInt.empty());
    }

    /** Whether MVEL is overridden on or off. */
    public Optional<Boolean> mvelEnabled() {
        return text(Setting.MVEL_ENABLED).map(Boolean::parseBoolean);
    }

    /** The overridden Novu rate limits. */
    public Optional<RateLimits> rateLimits() {
        return text(Setting.RATE_LIMIT).flatMap(RateLimits::parse);
    }

    /** The environment name in effect (override, else {@code switchboard.environment-name}). */
    public String environmentName() {
        return text(Setting.ENVIRONMENT_NAME).orElse(environment.environmentName());
    }

    /**
     * Overrides a setting. In effect on this instance once the transaction commits.
     *
     * @throws InvalidSettingException when the value is not valid for the setting
     */
    @Transactional
    public void set(Setting setting, String value, String user) {
        String normalized = setting.normalize(value);
        String problem = setting.problem(normalized);
        if (problem != null) {
            throw InvalidSettingException.of(setting, problem);
        }
        String before = store.find(setting.key()).map(v -> shown(setting, v)).orElse(null);
        store.put(setting.key(), setting.secret() ? encryption.encrypt(normalized) : normalized, clock.instant(), user);
        String after = setting.secret() ? Secrets.masked(normalized) : normalized;
        events.publishEvent(new SettingChanged(setting, user, "setting_changed", before, after));
    }

    /** Removes the override: the environment's value is in effect again once the transaction commits. */
    @Transactional
    public void reset(Setting setting, String user) {
        Optional<String> before = store.find(setting.key()).map(v -> shown(setting, v));
        if (store.delete(setting.key())) {
            events.publishEvent(new SettingChanged(setting, user, "setting_reset", before.orElse(null), null));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onCommitted(SettingChanged change) {
        load();
        log.info("Setting {} {} by {}", change.setting().key(), change.action(), change.user());
        events.publishEvent(new SettingsRefreshed());
    }

    /** Picks up what another instance changed; one small query, never per event. */
    @Scheduled(fixedDelayString = "${switchboard.settings.refresh-interval:10s}", initialDelayString = "PT10S")
    void refresh() {
        if (!store.revision().equals(revision)) {
            load();
            events.publishEvent(new SettingsRefreshed());
        }
    }

    private synchronized Map<Setting, SettingOverride> load() {
        OverrideStore.Revision seen = store.revision();
        Map<Setting, SettingOverride> loaded = new EnumMap<>(Setting.class);
        for (OverrideStore.Row row : store.all()) {
            Optional<Setting> setting = Setting.byKey(row.name());
            if (setting.isEmpty()) {
                continue;
            }
            String value = setting.get().secret() ? encryption.decrypt(row.value()) : row.value();
            if (setting.get().problem(value) != null) {
                log.error("Ignoring the override of {}: not a valid value", row.name());
                continue;
            }
            loaded.put(setting.get(), new SettingOverride(setting.get(), value, row.updatedAt(), row.updatedBy()));
        }
        Map<Setting, SettingOverride> copy = Map.copyOf(loaded);
        overrides = copy;
        revision = seen;
        return copy;
    }

    private String shown(Setting setting, String stored) {
        return setting.secret() ? Secrets.masked(encryption.decrypt(stored)) : stored;
    }
}
