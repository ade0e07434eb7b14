package dev.switchboard.config;

import dev.switchboard.message.LookupKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Migration 71: fills V70's lookup keys of the messages and deliveries stored before it, between V70 (the columns)
 * and V72 (their indexes). A Java migration because the key is a SHA-256 ({@link LookupKeys}), which H2 and
 * PostgreSQL spell differently in SQL; Spring Boot hands every {@link JavaMigration} bean to Flyway. It reads and
 * updates a page of rows at a time in primary-key order; on a new database there is nothing to do.
 */
@Component
public class LookupKeyBackfill implements JavaMigration {

    private static final int PAGE = 5_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("71");
    }

    @Override
    public String getDescription() {
        return "ingest lookup key backfill";
    }

    @Override
    public @Nullable Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        fill(
                connection,
                "event_message",
                List.of("message_id", "user_id", "anonymous_id"),
                List.of("message_key", "user_key", "anonymous_key"));
        fill(connection, "delivery", List.of("user_id", "transaction_id"), List.of("user_key", "transaction_key"));
    }

    private static void fill(Connection connection, String table, List<String> ids, List<String> keys)
            throws SQLException {
        String select = "select id, " + String.join(", ", ids) + " from " + table
                + " where id > ? order by id fetch first " + PAGE + " rows only";
        String update = "update " + table + " set " + String.join(" = ?, ", keys) + " = ? where id = ?";
        // Both databases order UUIDs as unsigned bytes; no row has the nil UUID (ids are UUIDv7).
        UUID after = new UUID(0, 0);
        try (PreparedStatement read = connection.prepareStatement(select);
                PreparedStatement write = connection.prepareStatement(update)) {
            while (true) {
                read.setObject(1, after);
                List<UUID> page = new ArrayList<>(PAGE);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        for (int i = 0; i < ids.size(); i++) {
                            Long key = LookupKeys.of(rs.getString(2 + i));
                            if (key == null) {
                                write.setNull(1 + i, Types.BIGINT);
                            } else {
                                write.setLong(1 + i, key);
                            }
                        }
                        write.setObject(ids.size() + 1, id);
                        write.addBatch();
                        page.add(id);
                    }
                }
                if (page.isEmpty()) {
                    return;
                }
                write.executeBatch();
                after = page.get(page.size() - 1);
            }
        }
    }
}
