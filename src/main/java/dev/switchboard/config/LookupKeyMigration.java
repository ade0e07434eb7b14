package dev.switchboard.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
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
 * 8 minutes on a million messages) and SHA-256. Stored rows get their keys by set-based UPDATEs, a page of rows
 * each. Spring Boot hands every {@link JavaMigration} bean to Flyway.
 */
@Component
public class LookupKeyMigration implements JavaMigration {

    private static final int PAGE = 10_000;

    private static final List<String> MESSAGE_IDS = List.of("message_id", "user_id", "anonymous_id");
    // The first id of each list is never null: rows without its key have not been filled yet.
    private static final List<String> DELIVERY_IDS = List.of("transaction_id", "user_id");

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

    /**
     * Not one transaction: filling a million messages in one UPDATE made H2 keep every old row until the commit (its
     * file grew from 4 to 35 GB before the run was stopped). The keys are filled a page of rows at a time instead,
     * each page its own commit, and a run that stopped half-way goes on where it stopped: the columns are added only
     * if missing, and only rows without keys are filled.
     */
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = Databases.isPostgres(connection);
        boolean autoCommit = connection.getAutoCommit();
        // Flyway's connection goes back as it came, also when a step fails.
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                if (!hasKeys(connection, "event_message", MESSAGE_IDS)) {
                    statement.execute(addKeyColumns("event_message", MESSAGE_IDS, postgres));
                }
                if (!hasKeys(connection, "delivery", DELIVERY_IDS)) {
                    statement.execute(addKeyColumns("delivery", DELIVERY_IDS, postgres));
                }
            }
            connection.setAutoCommit(false);
            fillKeys(connection, "event_message", MESSAGE_IDS, postgres);
            fillKeys(connection, "delivery", DELIVERY_IDS, postgres);
        } finally {
            connection.setAutoCommit(autoCommit);
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

    /** Whether an earlier run that stopped half-way added the table's key columns already (all in one statement). */
    private static boolean hasKeys(Connection connection, String table, List<String> ids) throws SQLException {
        try (PreparedStatement columns = connection.prepareStatement("select count(*) from information_schema.columns"
                + " where lower(table_schema) = lower(current_schema) and lower(table_name) = ?"
                + " and lower(column_name) = ?")) {
            columns.setString(1, table);
            columns.setString(2, keyColumn(ids.get(0)));
            try (ResultSet rs = columns.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /** Fills the keys a page of rows at a time in primary-key order, committing each page. */
    private static void fillKeys(Connection connection, String table, List<String> ids, boolean postgres)
            throws SQLException {
        // The page's last id (PostgreSQL has no max over UUIDs).
        String page = "select id from (select id from " + table + " where id > ? order by id fetch first " + PAGE
                + " rows only) p order by id desc fetch first 1 rows only";
        String fill = "update " + table + " set "
                + ids.stream()
                        .map(id -> keyColumn(id) + " = " + LookupKeySql.of(id, postgres))
                        .collect(Collectors.joining(", "))
                + " where id > ? and id <= ? and " + keyColumn(ids.get(0)) + " is null";
        // Both databases order UUIDs as unsigned bytes; no row has the nil UUID (ids are UUIDv7).
        UUID after = new UUID(0, 0);
        try (PreparedStatement last = connection.prepareStatement(page);
                PreparedStatement update = connection.prepareStatement(fill)) {
            while (true) {
                last.setObject(1, after);
                UUID upTo;
                try (ResultSet rs = last.executeQuery()) {
                    upTo = rs.next() ? rs.getObject(1, UUID.class) : null;
                }
                if (upTo == null) {
                    return;
                }
                update.setObject(1, after);
                update.setObject(2, upTo);
                update.executeUpdate();
                connection.commit();
                after = upTo;
            }
        }
    }

    /** message_id to message_key. */
    private static String keyColumn(String id) {
        return id.substring(0, id.length() - "_id".length()) + "_key";
    }
}
