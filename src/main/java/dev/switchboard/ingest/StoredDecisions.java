package dev.switchboard.ingest;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes what each rule said about each message, with the rule version and its explanation. */
@Component
class StoredDecisions {

    private static final String INSERT = "insert into rule_decision (id, event_id, rule_key, rule_version, outcome,"
            + " error, trace, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)";

    record Row(
            UUID id,
            UUID eventId,
            String ruleKey,
            int ruleVersion,
            String outcome,
            @Nullable String error,
            @Nullable String trace,
            Instant decidedAt) {}

    private final JdbcTemplate jdbc;

    StoredDecisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Row row = rows.get(i);
                ps.setObject(1, row.id());
                ps.setObject(2, row.eventId());
                ps.setString(3, row.ruleKey());
                ps.setInt(4, row.ruleVersion());
                ps.setString(5, row.outcome());
                String error = row.error();
                ps.setString(6, error == null || error.length() <= 2000 ? error : error.substring(0, 2000));
                ps.setString(7, row.trace());
                ps.setObject(8, row.decidedAt().atOffset(ZoneOffset.UTC));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }
}
