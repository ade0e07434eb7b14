package dev.switchboard.rules.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rules in the database. Callers hold the transaction; every change also records who made it and when. */
@Repository
public class RuleStore {

    private static final String SELECT = "select r.rule_key, r.draft, r.published_version, v.definition,"
            + " r.created_at, r.created_by, r.updated_at, r.updated_by, r.deleted_at from routing_rule r"
            + " left join rule_version v on v.rule_key = r.rule_key and v.version = r.published_version";

    private final JdbcClient jdbc;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rule by key, deleted ones included (a key stays reserved by its history). */
    public Optional<RuleRecord> find(String key) {
        return jdbc.sql(SELECT + " where r.rule_key = ?")
                .param(key)
                .query(RuleStore::record)
                .optional();
    }

    public List<RuleRecord> all() {
        return jdbc.sql(SELECT + " where r.deleted_at is null order by r.rule_key")
                .query(RuleStore::record)
                .list();
    }

    public boolean isEmpty() {
        return jdbc.sql("select count(*) from routing_rule").query(Long.class).single() == 0;
    }

    public void insert(String key, String draft, String user, Instant now) {
        jdbc.sql("insert into routing_rule (rule_key, draft, draft_updated_at, draft_updated_by, created_at,"
                        + " created_by, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key, draft, utc(now), user, utc(now), user, utc(now), user)
                .update();
    }

    /** Saves the draft (null: no pending change) and brings a deleted rule back. */
    public void saveDraft(String key, @Nullable String draft, String user, Instant now) {
        jdbc.sql("update routing_rule set draft = ?, draft_updated_at = ?, draft_updated_by = ?, updated_at = ?,"
                        + " updated_by = ?, deleted_at = null where rule_key = ?")
                .params(draft, utc(now), user, utc(now), user, key)
                .update();
    }

    /** Adds an immutable version, makes it the published one and clears the draft. */
    public int publish(String key, String definition, String change, String user, Instant now) {
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from rule_version where rule_key = ?")
                .param(key)
                .query(Integer.class)
                .single();
        jdbc.sql("insert into rule_version (rule_key, version, definition, created_at, created_by, change)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(key, version, definition, utc(now), user, change)
                .update();
        jdbc.sql("update routing_rule set published_version = ?, draft = null, updated_at = ?, updated_by = ?,"
                        + " deleted_at = null where rule_key = ?")
                .params(version, utc(now), user, key)
                .update();
        return version;
    }

    public void markDeleted(String key, String user, Instant now) {
        jdbc.sql("update routing_rule set deleted_at = ?, updated_at = ?, updated_by = ? where rule_key = ?")
                .params(utc(now), utc(now), user, key)
                .update();
    }

    public List<VersionRecord> versions(String key) {
        return jdbc.sql("select rule_key, version, definition, created_at, created_by, change from rule_version"
                        + " where rule_key = ? order by version desc")
                .param(key)
                .query(RuleStore::version)
                .list();
    }

    public Optional<VersionRecord> version(String key, int version) {
        return jdbc.sql("select rule_key, version, definition, created_at, created_by, change from rule_version"
                        + " where rule_key = ? and version = ?")
                .params(key, version)
                .query(RuleStore::version)
                .optional();
    }

    public long revision() {
        return jdbc.sql("select revision from rule_catalog_revision where id = 1")
                .query(Long.class)
                .single();
    }

    /** Tells every instance (including this one) that the live rules changed. */
    public void bumpRevision(Instant now) {
        jdbc.sql("update rule_catalog_revision set revision = revision + 1, changed_at = ? where id = 1")
                .param(utc(now))
                .update();
    }

    private static RuleRecord record(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt("published_version");
        Integer published = rs.wasNull() ? null : version;
        return new RuleRecord(
                rs.getString("rule_key"),
                rs.getString("draft"),
                published,
                rs.getString("definition"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"),
                rs.getObject("deleted_at") != null);
    }

    private static VersionRecord version(ResultSet rs, int row) throws SQLException {
        return new VersionRecord(
                rs.getString("rule_key"),
                rs.getInt("version"),
                rs.getString("definition"),
                instant(rs, "created_at"),
                rs.getString("created_by"),
                rs.getString("change"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
