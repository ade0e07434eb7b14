package dev.switchboard.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Migration 70 (issue #4, intake speed): the ids senders make at random (messageId, userId, anonymousId) and the
 * outbox's transactionId get a 64-bit lookup key beside them ({@code LookupKeys}: the first 8 bytes of the id's
 * SHA-256), which V71 indexes instead of the ids. Every stored row adds an entry at a random place of each such
 * index; H2 writes each index page a commit changed again, and a page of 8-byte keys is a fraction of a page of 24-
 * to 60-character ids. Lookups compare the id as well, so ids that share a key never mix.
 *
 * <p>Java rather than SQL because H2 and PostgreSQL spell both steps differently: adding several columns in one
 * statement (H2 copies the whole table for every ALTER TABLE ... ADD, with each of its indexes: five statements took
 * 8 minutes on a million messages) and SHA-256. Stored rows get their keys in one set-based UPDATE per table. Spring
 * Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
public class LookupKeyMigration implements JavaMigration {

    private static final List<String> MESSAGE_IDS = List.of("message_id", "user_id", "anonymous_id");
    private static final List<String> DELIVERY_IDS = List.of("user_id", "transaction_id");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("70");
    }

    @Override
    public String getDescription() {
        return "ingest lookup keys";
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
        boolean postgres = connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres");
        try (Statement statement = connection.createStatement()) {
            statement.execute(addKeyColumns("event_message", MESSAGE_IDS, postgres));
            statement.execute(addKeyColumns("delivery", DELIVERY_IDS, postgres));
            statement.executeUpdate(fillKeys("event_message", MESSAGE_IDS, postgres));
            statement.executeUpdate(fillKeys("delivery", DELIVERY_IDS, postgres));
        }
    }

    private static String addKeyColumns(String table, List<String> ids, boolean postgres) {
        List<String> keys = ids.stream().map(LookupKeyMigration::keyColumn).toList();
        return postgres
                ? "alter table " + table
                        + keys.stream()
                                .map(key -> " add column " + key + " bigint")
                                .collect(Collectors.joining(","))
                : "alter table " + table + " add ("
                        + keys.stream().map(key -> key + " bigint").collect(Collectors.joining(", ")) + ")";
    }

    private static String fillKeys(String table, List<String> ids, boolean postgres) {
        return "update " + table + " set "
                + ids.stream()
                        .map(id -> keyColumn(id) + " = " + LookupKeySql.of(id, postgres))
                        .collect(Collectors.joining(", "));
    }

    /** message_id to message_key. */
    private static String keyColumn(String id) {
        return id.substring(0, id.length() - "_id".length()) + "_key";
    }
}
