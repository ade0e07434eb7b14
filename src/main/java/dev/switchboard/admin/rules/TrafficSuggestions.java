package dev.switchboard.admin.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Suggestions for the builder from stored traffic (read only): the event names that actually arrived, and the
 * JSONPaths found in recent messages of given events, arrays written as {@code [*]}.
 */
@Component
class TrafficSuggestions {

    private static final int PATH_SAMPLE = 50;
    private static final int NAME_SAMPLE = 10_000;

    // The latest messages whatever their status, then the received ones among them: with the status filter
    // inside, H2 chose the status index (every received message) over reading the time index newest first.
    static final String EVENT_NAMES = "select event, count(*) as n from (select event, status from event_message"
            + " order by received_at desc fetch first " + NAME_SAMPLE + " rows only) latest"
            + " where status in ('routed', 'no_match') and event is not null group by event order by n desc, event"
            + " fetch first 200 rows only";

    static final String LATEST_PAYLOADS = "select payload from (select payload, status from event_message"
            + " order by received_at desc fetch first " + 10 * PATH_SAMPLE + " rows only) latest"
            + " where status in ('routed', 'no_match') fetch first " + PATH_SAMPLE + " rows only";

    static final String LATEST_PAYLOADS_OF_EVENT = "select payload from event_message where event = ?"
            + " and status in ('routed', 'no_match') order by event desc, received_at desc fetch first " + PATH_SAMPLE
            + " rows only";
    private static final int MAX_PATHS = 300;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TrafficSuggestions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Event names of the received messages among the latest {@value #NAME_SAMPLE}, most frequent first: a sample
     * read newest first from the time index, because counting every stored message took 51 s on each opening of
     * the builder once the audit log held 5 million messages (H2).
     */
    List<String> eventNames() {
        return jdbc.sql(EVENT_NAMES).query((rs, row) -> rs.getString("event")).list();
    }

    /** Paths present in the latest messages of these events (of any event when none is given). */
    Collection<String> paths(Collection<String> events) {
        List<String> names =
                events.stream().filter(e -> !e.isBlank()).distinct().toList();
        List<String> payloads = new ArrayList<>();
        if (names.isEmpty()) {
            payloads.addAll(latestPayloads(null));
        }
        for (String name : names) {
            payloads.addAll(latestPayloads(name));
        }
        Set<String> paths = new TreeSet<>();
        for (String payload : payloads) {
            try {
                collect(json.readTree(payload), "$", paths);
            } catch (JacksonException e) {
                // A stored payload is always JSON; should one not be, it simply offers no suggestions.
            }
            if (paths.size() > MAX_PATHS) {
                break;
            }
        }
        return paths;
    }

    /**
     * The payloads of the latest received messages of {@code event} (of any event when null), newest first. An
     * event's ORDER BY starts with the event so that H2 reads ix_event_message_event backwards and stops after
     * the sample; without it H2 read and sorted every message of the event.
     */
    private List<String> latestPayloads(@Nullable String event) {
        return event == null
                ? jdbc.sql(LATEST_PAYLOADS).query(String.class).list()
                : jdbc.sql(LATEST_PAYLOADS_OF_EVENT)
                        .param(event)
                        .query(String.class)
                        .list();
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String name = entry.getKey();
                String child = name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? path + "." + name : path + "['" + name + "']";
                paths.add(child);
                collect(entry.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, path + "[*]", paths);
            }
        }
    }
}
