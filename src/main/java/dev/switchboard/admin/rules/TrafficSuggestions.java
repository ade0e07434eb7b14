package dev.switchboard.admin.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    private static final int MAX_PATHS = 300;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TrafficSuggestions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Event names seen, most frequent first. */
    List<String> eventNames() {
        return jdbc.sql("select event, count(*) as n from event_message where event is not null"
                        + " and status in ('routed', 'no_match') group by event order by n desc, event"
                        + " fetch first 200 rows only")
                .query((rs, row) -> rs.getString("event"))
                .list();
    }

    /** Paths present in the latest messages of these events (of any event when none is given). */
    Collection<String> paths(Collection<String> events) {
        List<String> names = events.stream().filter(e -> !e.isBlank()).toList();
        StringBuilder sql =
                new StringBuilder("select payload from event_message where status in ('routed', 'no_match')");
        if (!names.isEmpty()) {
            sql.append(" and event in (")
                    .append(String.join(", ", names.stream().map(n -> "?").toList()))
                    .append(")");
        }
        sql.append(" order by received_at desc fetch first " + PATH_SAMPLE + " rows only");
        Set<String> paths = new TreeSet<>();
        for (String payload : jdbc.sql(sql.toString())
                .params(new ArrayList<Object>(names))
                .query(String.class)
                .list()) {
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
