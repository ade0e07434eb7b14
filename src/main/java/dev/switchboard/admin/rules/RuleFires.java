package dev.switchboard.admin.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How often each rule matched since a moment, from the decisions intake stored (read only). */
@Component
class RuleFires {

    private final JdbcClient jdbc;

    RuleFires(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> since(Instant from) {
        Map<String, Long> fires = new HashMap<>();
        jdbc.sql("select rule_key, count(*) as n from rule_decision where decided_at >= ? and outcome = 'matched'"
                        + " group by rule_key")
                .param(from.atOffset(ZoneOffset.UTC))
                .query((rs, row) -> fires.put(rs.getString("rule_key"), rs.getLong("n")))
                .list();
        return fires;
    }
}
