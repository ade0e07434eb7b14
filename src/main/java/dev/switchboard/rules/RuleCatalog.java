package dev.switchboard.rules;

import dev.switchboard.rules.catalog.RuleRecord;
import dev.switchboard.rules.catalog.RuleStore;
import dev.switchboard.rules.catalog.VersionRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules facade: drafts, publishing (each publish an immutable version), disabling, roll back, delete,
 * import and export. Every change is validated by compiling it first, so a rule that cannot compile never
 * reaches the evaluator; every publish bumps the catalog revision that {@link LiveRules} follows.
 */
@Service
public class RuleCatalog {

    private final RuleStore store;
    private final RuleCompiler compiler;
    private final LiveRules live;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    RuleCatalog(
            RuleStore store,
            RuleCompiler compiler,
            LiveRules live,
            TransactionTemplate transactions,
            Clock clock,
            JsonMapper json,
            ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.compiler = compiler;
        this.live = live;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
    }

    public List<RuleView> list() {
        return store.all().stream().map(this::view).toList();
    }

    public RuleView get(String key) {
        return find(key).orElseThrow(() -> RuleNotFoundException.forKey(key));
    }

    public Optional<RuleView> find(String key) {
        return store.find(key).filter(r -> !r.deleted()).map(this::view);
    }

    /**
     * Creates a rule as a draft, or publishes it at once.
     *
     * @throws InvalidRuleException with every problem of the rule
     * @throws RuleConflictException when the key is taken
     */
    public RuleView create(JsonNode rule, String user, boolean publish) {
        String canonical = canonical(rule);
        String key = rule.get("key").asString();
        return inTransaction(() -> {
            Optional<RuleRecord> existing = store.find(key);
            if (existing.isPresent() && !existing.get().deleted()) {
                throw RuleConflictException.keyTaken(key);
            }
            if (existing.isPresent()) {
                store.saveDraft(key, canonical, user, clock.instant());
            } else {
                store.insert(key, canonical, user, clock.instant());
            }
            if (publish) {
                publishLocked(key, canonical, "published", user);
            } else {
                events.publishEvent(new RuleChanged(key, user, "draft_created", null, canonical));
            }
            return get(key);
        });
    }

    /**
     * Saves an edit as the draft (the live version is untouched), or publishes it at once.
     *
     * @throws InvalidRuleException with every problem, including a key that differs from {@code key}
     */
    public RuleView saveDraft(String key, JsonNode rule, String user, boolean publish) {
        if (!rule.path("key").isString() || !key.equals(rule.path("key").asString())) {
            throw InvalidRuleException.withProblems(List.of(new RuleProblem(
                    "key",
                    "must be " + key + ", the key of the rule being edited (to rename a rule, create a new one)")));
        }
        String canonical = canonical(rule);
        return inTransaction(() -> {
            RuleRecord record = store.find(key).orElseThrow(() -> RuleNotFoundException.forKey(key));
            boolean sameAsLive = canonical.equals(record.published());
            store.saveDraft(key, sameAsLive ? null : canonical, user, clock.instant());
            if (publish && !sameAsLive) {
                publishLocked(key, canonical, "published", user);
            } else if (!sameAsLive) {
                String before = record.draft() != null ? record.draft() : record.published();
                events.publishEvent(new RuleChanged(key, user, "draft_saved", before, canonical));
            }
            return get(key);
        });
    }

    /** Publishes the draft as a new version. */
    public RuleView publish(String key, String user) {
        return inTransaction(() -> {
            RuleRecord record = live(key);
            if (record.draft() == null) {
                throw RuleConflictException.nothingToPublish(key);
            }
            compile(record.draft());
            publishLocked(key, record.draft(), "published", user);
            return get(key);
        });
    }

    /** Switches a published rule off (or on again) as a new version; a pending draft stays a draft. */
    public RuleView setEnabled(String key, boolean enabled, String user) {
        return inTransaction(() -> {
            RuleRecord record = live(key);
            if (record.published() == null) {
                throw RuleConflictException.nothingToPublish(key);
            }
            ObjectNode changed = (ObjectNode) json.readTree(record.published());
            if (changed.path("enabled").asBoolean(true) == enabled) {
                return get(key);
            }
            changed.put("enabled", enabled);
            String draft = record.draft();
            publishLocked(key, json.writeValueAsString(changed), enabled ? "enabled" : "disabled", user);
            if (draft != null) {
                store.saveDraft(key, draft, user, clock.instant());
            }
            return get(key);
        });
    }

    /** Publishes the definition of an earlier version again, as a new version: history is never rewritten. */
    public RuleView rollBack(String key, int version, String user) {
        return inTransaction(() -> {
            live(key);
            VersionRecord target =
                    store.version(key, version).orElseThrow(() -> RuleNotFoundException.forVersion(key, version));
            compile(target.definition());
            publishLocked(key, target.definition(), "rolled back to version " + version, user);
            return get(key);
        });
    }

    /** Takes a rule out of live traffic and out of the list; its versions stay for the audit log. */
    public void delete(String key, String user) {
        inTransaction(() -> {
            RuleRecord record = live(key);
            store.markDeleted(key, user, clock.instant());
            events.publishEvent(new RuleChanged(
                    key, user, "deleted", record.draft() != null ? record.draft() : record.published(), null));
            store.bumpRevision(clock.instant());
            return null;
        });
        live.refresh();
    }

    public List<RuleVersionView> versions(String key) {
        live(key);
        return store.versions(key).stream().map(this::view).toList();
    }

    public RuleVersionView version(String key, int version) {
        return store.version(key, version)
                .map(this::view)
                .orElseThrow(() -> RuleNotFoundException.forVersion(key, version));
    }

    /**
     * Imports one rule or {@code {"rules": [...]}}: all or nothing. Each new or changed rule becomes a new
     * published version; identical ones make none.
     *
     * @throws InvalidRuleException with every problem of every rule, located as {@code rules[2].when.all[0].op}
     */
    public ImportResult importRules(JsonNode file, String user) {
        List<RuleFormat.LocatedRule> rules = RuleFormat.rulesIn(file);
        List<RuleProblem> problems = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (RuleFormat.LocatedRule rule : rules) {
            try {
                canonical.add(canonical(rule.json()));
                String key = rule.json().get("key").asString();
                if (!keys.add(key)) {
                    problems.add(
                            new RuleProblem("key", "the file holds " + key + " more than once").under(rule.location()));
                }
            } catch (InvalidRuleException e) {
                e.problems().forEach(p -> problems.add(p.under(rule.location())));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRuleException.withProblems(problems);
        }
        return inTransaction(() -> {
            List<String> created = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            for (String definition : canonical) {
                String key = json.readTree(definition).get("key").asString();
                Optional<RuleRecord> existing = store.find(key);
                if (existing.isPresent()
                        && !existing.get().deleted()
                        && definition.equals(existing.get().published())) {
                    unchanged.add(key);
                    continue;
                }
                if (existing.isEmpty()) {
                    store.insert(key, definition, user, clock.instant());
                    created.add(key);
                } else {
                    updated.add(key);
                }
                publishLocked(key, definition, "imported", user);
            }
            return new ImportResult(created, updated, unchanged);
        });
    }

    /** Every rule's published definition, in the import format ({@code {"rules": [...]}}). */
    public JsonNode export() {
        ObjectNode file = json.createObjectNode();
        var array = file.putArray("rules");
        store.all().stream().filter(r -> r.published() != null).forEach(r -> array.add(json.readTree(r.published())));
        return file;
    }

    /** Compiles rule JSON without saving anything, e.g. to test a draft. */
    public CompiledRule compile(JsonNode rule) {
        return compiler.compile(rule, 0);
    }

    /** Whether rule JSON carries an advanced (MVEL) expression, which only admins may write. */
    public static boolean hasExpression(JsonNode rule) {
        JsonNode expression = rule.path("when").path("expression");
        return expression.isString() && !expression.asString().isBlank();
    }

    private void publishLocked(String key, String definition, String change, String user) {
        store.publish(key, definition, change, user, clock.instant());
        store.bumpRevision(clock.instant());
        // The commit makes the change visible; the refresh after it makes it live here at once.
        transactionsAfterCommit(live::refresh);
    }

    private String canonical(JsonNode rule) {
        CompiledRule compiled = compiler.compile(rule, 0);
        return json.writeValueAsString(RuleFormat.toJson(compiled.definition()));
    }

    private void compile(String definition) {
        compiler.compile(json.readTree(definition), 0);
    }

    private RuleRecord live(String key) {
        return store.find(key).filter(r -> !r.deleted()).orElseThrow(() -> RuleNotFoundException.forKey(key));
    }

    private <T> T inTransaction(java.util.function.Supplier<@Nullable T> work) {
        return transactions.execute(status -> work.get());
    }

    private static void transactionsAfterCommit(Runnable action) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        action.run();
                    }
                });
    }

    private RuleView view(RuleRecord record) {
        JsonNode published = record.published() == null ? null : json.readTree(record.published());
        RuleStatus status = published == null
                ? RuleStatus.DRAFT
                : published.path("enabled").asBoolean(true) ? RuleStatus.PUBLISHED : RuleStatus.DISABLED;
        JsonNode draft = record.draft() == null ? null : json.readTree(record.draft());
        String name = (draft != null ? draft : published).path("name").asString();
        return new RuleView(
                record.key(),
                name,
                status,
                record.publishedVersion(),
                published,
                draft,
                record.createdAt(),
                record.createdBy(),
                record.updatedAt(),
                record.updatedBy());
    }

    private RuleVersionView view(VersionRecord version) {
        return new RuleVersionView(
                version.key(),
                version.version(),
                version.createdAt(),
                version.createdBy(),
                version.change(),
                json.readTree(version.definition()));
    }
}
