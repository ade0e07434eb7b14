package dev.switchboard.settings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code setting_override} table, values as stored (secrets encrypted). */
@Repository
class OverrideStore {

    record Row(String name, String value, Instant updatedAt, String updatedBy) {}

    /** Enough to tell whether another instance changed something: row count and newest change. */
    record Revision(long count, Optional<Instant> newest) {}

    private final JdbcClient jdbc;

    OverrideStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> all() {
        return jdbc.sql("select name, setting_value, updated_at, updated_by from setting_override")
                .query((rs, n) -> new Row(
                        rs.getString("name"),
                        rs.getString("setting_value"),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                        rs.getString("updated_by")))
                .list();
    }

    Revision revision() {
        return jdbc.sql("select count(*) n, max(updated_at) newest from setting_override")
                .query((rs, n) -> {
                    OffsetDateTime newest = rs.getObject("newest", OffsetDateTime.class);
                    return new Revision(
                            rs.getLong("n"), Optional.ofNullable(newest).map(OffsetDateTime::toInstant));
                })
                .single();
    }

    Optional<String> find(String name) {
        return jdbc.sql("select setting_value from setting_override where name = ?")
                .param(name)
                .query(String.class)
                .optional();
    }

    void put(String name, String value, Instant at, String by) {
        int updated = jdbc.sql(
                        "update setting_override set setting_value = ?, updated_at = ?, updated_by = ? where name = ?")
                .params(value, at.atOffset(ZoneOffset.UTC), by, name)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into setting_override (name, setting_value, updated_at, updated_by) values (?, ?, ?, ?)")
                    .params(name, value, at.atOffset(ZoneOffset.UTC), by)
                    .update();
        }
    }

    boolean delete(String name) {
        return jdbc.sql("delete from setting_override where name = ?")
                        .param(name)
                        .update()
                > 0;
    }
}
