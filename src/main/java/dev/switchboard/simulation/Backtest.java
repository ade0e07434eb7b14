package dev.switchboard.simulation;

import dev.switchboard.ingest.StoredMessage;
import dev.switchboard.ingest.StoredMessages;
import dev.switchboard.rules.CompiledRule;
import dev.switchboard.rules.RuleCatalog;
import dev.switchboard.rules.RuleView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays stored messages of a time window through a draft rule (and through the published version of the same
 * key, if there is one) to show what it would have done. Reads only; nothing is stored or sent.
 */
@Service
public class Backtest {

    /** One backtest replays at most this many messages, so a wide window cannot hold the server for long. */
    static final int MAX_MESSAGES = 200_000;

    private static final Map<String, Object> NONE = Map.of();

    private final StoredMessages messages;
    private final RuleCatalog catalog;
    private final JsonMapper json;

    Backtest(StoredMessages messages, RuleCatalog catalog, JsonMapper json) {
        this.messages = messages;
        this.catalog = catalog;
        this.json = json;
    }

    /**
     * @param draft rule JSON, validated like a save
     * @param sampleSize how many example messages each tally keeps
     */
    public BacktestResult run(JsonNode draft, Instant from, Instant to, int sampleSize) {
        CompiledRule candidate = catalog.compile(draft);
        RuleView existing = catalog.find(candidate.key()).orElse(null);
        CompiledRule published =
                existing == null || existing.published() == null ? null : catalog.compile(existing.published());
        Set<String> types = types(candidate, published);
        Counter fires = new Counter(sampleSize);
        Counter firedBefore = new Counter(sampleSize);
        Counter starts = new Counter(sampleSize);
        Counter stops = new Counter(sampleSize);
        int scanned = messages.scan(from, to, types, MAX_MESSAGES + 1, stored -> {
            Map<String, Object> message = parse(stored);
            boolean now = candidate.evaluate(message, false).matched();
            boolean before =
                    published != null && published.evaluate(message, false).matched();
            if (now) {
                fires.add(stored);
            }
            if (before) {
                firedBefore.add(stored);
            }
            if (now && !before) {
                starts.add(stored);
            }
            if (before && !now) {
                stops.add(stored);
            }
        });
        boolean compare = published != null;
        return new BacktestResult(
                from,
                to,
                Math.min(scanned, MAX_MESSAGES),
                scanned > MAX_MESSAGES,
                fires.tally(),
                compare ? existing.publishedVersion() : null,
                compare ? firedBefore.tally() : null,
                compare ? starts.tally() : null,
                compare ? stops.tally() : null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(StoredMessage stored) {
        Object value = json.readValue(stored.payload(), Map.class);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : NONE;
    }

    /** The types either version listens to; empty (every type) when either takes any type. */
    private static Set<String> types(CompiledRule candidate, @Nullable CompiledRule published) {
        Set<String> types = new HashSet<>();
        for (CompiledRule rule : published == null ? List.of(candidate) : List.of(candidate, published)) {
            List<String> own = rule.definition().when().types();
            if (own.isEmpty()) {
                return Set.of();
            }
            types.addAll(own);
        }
        return types;
    }

    /** Counts messages and distinct people, keeping the first few as examples. */
    private static final class Counter {

        private final int sampleSize;
        private final Set<String> people = new HashSet<>();
        private final List<BacktestResult.Example> examples = new ArrayList<>();
        private int messages;

        Counter(int sampleSize) {
            this.sampleSize = sampleSize;
        }

        void add(StoredMessage stored) {
            messages++;
            String person = stored.userId() != null ? stored.userId() : stored.anonymousId();
            if (person != null) {
                people.add(person);
            }
            if (examples.size() < sampleSize) {
                examples.add(new BacktestResult.Example(
                        stored.id(),
                        stored.messageId(),
                        stored.type(),
                        stored.event(),
                        stored.userId(),
                        stored.receivedAt()));
            }
        }

        BacktestResult.Tally tally() {
            return new BacktestResult.Tally(messages, people.size(), List.copyOf(examples));
        }
    }
}
