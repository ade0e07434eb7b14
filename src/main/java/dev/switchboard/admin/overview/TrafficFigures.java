package dev.switchboard.admin.overview;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The overview's read model: counts of stored messages, decisions and deliveries since a moment, straight from
 * the tables intake and the dispatcher write (read only).
 */
@Component
class TrafficFigures {

    private final JdbcClient jdbc;

    TrafficFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Counts since(Instant from) {
        var since = from.atOffset(ZoneOffset.UTC);
        long received = jdbc.sql("select count(*) from event_message where received_at >= ?"
                        + " and status in ('routed', 'no_match')")
                .param(since)
                .query(Long.class)
                .single();
        long matched = jdbc.sql("select count(*) from event_message where received_at >= ? and status = 'routed'")
                .param(since)
                .query(Long.class)
                .single();
        Map<String, Long> deliveries = new HashMap<>();
        jdbc.sql("select status, count(*) as n from delivery where created_at >= ? group by status")
                .param(since)
                .query((rs, row) -> deliveries.put(rs.getString("status"), rs.getLong("n")))
                .list();
        return new Counts(received, matched, deliveries);
    }

    /** The latest deliveries, newest first, whatever their status. */
    List<DeliveryRow> latestDeliveries(int limit) {
        return jdbc.sql("select created_at, rule_key, rule_version, action_type, method, path, user_id, status,"
                        + " last_error from delivery order by created_at desc, id desc fetch first " + limit
                        + " rows only")
                .query((rs, row) -> new DeliveryRow(
                        rs.getObject("created_at", java.time.OffsetDateTime.class)
                                .toInstant(),
                        rs.getString("rule_key"),
                        rs.getInt("rule_version"),
                        rs.getString("action_type"),
                        rs.getString("method"),
                        rs.getString("path"),
                        rs.getString("user_id"),
                        rs.getString("status"),
                        rs.getString("last_error")))
                .list();
    }

    /** The rules that matched most often, busiest first. */
    List<BusyRule> busiestRules(Instant from, int limit) {
        return jdbc.sql(
                        "select rule_key, count(*) as n from rule_decision where decided_at >= ? and outcome = 'matched'"
                                + " group by rule_key order by n desc, rule_key fetch first " + limit + " rows only")
                .param(from.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> new BusyRule(rs.getString("rule_key"), rs.getLong("n")))
                .list();
    }
}
