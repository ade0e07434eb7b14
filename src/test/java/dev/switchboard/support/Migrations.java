package dev.switchboard.support;

import dev.switchboard.config.LookupKeyMigration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates a database outside an application context the way Spring Boot does: the SQL files and the Java ones. */
public final class Migrations {

    private Migrations() {}

    public static void migrate(DataSource dataSource) {
        migrate(dataSource, "latest");
    }

    /** Up to and including {@code target} (a version, or "latest"). */
    public static void migrate(DataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migrations")
                .javaMigrations(new LookupKeyMigration())
                .target(target)
                .load()
                .migrate();
    }
}
