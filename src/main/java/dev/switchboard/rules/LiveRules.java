package dev.switchboard.rules;

import dev.switchboard.rules.catalog.RuleRecord;
import dev.switchboard.rules.catalog.RuleStore;
import dev.switchboard.settings.SettingsRefreshed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compiled published rules that intake evaluates: one immutable {@link RuleSnapshot}, swapped atomically
 * when the catalog revision moves. Publishing on this instance refreshes at once; other instances on the same
 * database notice within {@code switchboard.rules.refresh-interval}.
 */
@Service
public class LiveRules {

    private static final Logger log = LoggerFactory.getLogger(LiveRules.class);

    private record Live(long revision, boolean mvelEnabled, RuleSnapshot snapshot) {}

    private final RuleStore store;
    private final RuleCompiler compiler;
    private final JsonMapper json;
    private final AtomicReference<@Nullable Live> current = new AtomicReference<>();

    LiveRules(RuleStore store, RuleCompiler compiler, JsonMapper json) {
        this.store = store;
        this.compiler = compiler;
        this.json = json;
    }

    /** The rules live right now. Never blocks on the database after the first call. */
    public RuleSnapshot snapshot() {
        Live live = current.get();
        if (live == null) {
            refresh();
            live = current.get();
        }
        return live.snapshot();
    }

    /**
     * MVEL switched off on {@code /settings}: published rules with an expression no longer compile and leave live
     * traffic at once (logged as errors), exactly as after a restart with MVEL off; switched back on, they return.
     */
    @EventListener(SettingsRefreshed.class)
    public void settingsChanged() {
        refresh();
    }

    @Scheduled(fixedDelayString = "${switchboard.rules.refresh-interval:2s}")
    public synchronized void refresh() {
        long revision = store.revision();
        boolean mvel = compiler.mvelEnabled();
        Live live = current.get();
        if (live != null && live.revision() == revision && live.mvelEnabled() == mvel) {
            return;
        }
        List<CompiledRule> rules = new ArrayList<>();
        for (RuleRecord record : store.all()) {
            if (record.published() == null) {
                continue;
            }
            try {
                rules.add(compiler.compile(json.readTree(record.published()), record.publishedVersion()));
            } catch (InvalidRuleException e) {
                // Only possible when settings changed since publishing (e.g. MVEL switched off): the rule stays out
                // of live traffic until someone fixes it, and says so loudly.
                log.error(
                        "Rule {} version {} no longer compiles and is not live: {}",
                        record.key(),
                        record.publishedVersion(),
                        e.getMessage());
            }
        }
        current.set(new Live(revision, mvel, RuleSnapshot.live(rules)));
        log.info(
                "Live rules at revision {}: {} published and enabled",
                revision,
                current.get().snapshot().rules().size());
    }
}
