package dev.switchboard.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries: no Docker, no installed server), shared
 * by every PostgreSQL test; each test class gets its own database on it.
 */
public final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres server;
    private static final java.util.Map<String, String> DATABASES = new java.util.HashMap<>();

    private EmbeddedPostgresSupport() {}

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }));
        }
        return server;
    }

    /** A database of that name on the shared server, created empty on first use, as a JDBC URL. */
    public static synchronized String newDatabase(String name) {
        return DATABASES.computeIfAbsent(name, EmbeddedPostgresSupport::create);
    }

    /** Points the application context of a test class at a database of that name on the shared server. */
    public static void useDatabase(DynamicPropertyRegistry registry, String name) {
        registry.add("spring.datasource.url", () -> newDatabase(name));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    private static String create(String name) {
        try (var connection = server().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }
}
