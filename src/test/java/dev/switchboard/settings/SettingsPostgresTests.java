package dev.switchboard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.EmbeddedPostgresSupport;
import dev.switchboard.support.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration and the overrides on PostgreSQL: every migration up to V40 applies, overrides are written,
 * updated and deleted, secrets are stored encrypted, and a generated key file is owner-only.
 */
class SettingsPostgresTests {

    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(EmbeddedPostgresSupport.newDatabase("settings"), "postgres", "postgres");
        Migrations.migrate(dataSource);
        jdbc = JdbcClient.create(dataSource);
    }

    private static RuntimeSettings settings(SettingsProperties properties, List<Object> events) {
        return new RuntimeSettings(
                new OverrideStore(jdbc),
                properties,
                new EnvironmentProperties("production"),
                events::add,
                Clock.systemUTC());
    }

    @Test
    void storesUpdatesAndResetsOverrides(@TempDir Path data) {
        List<Object> events = new ArrayList<>();
        RuntimeSettings settings = settings(
                new SettingsProperties("postgres-test-key", data.resolve("key"), Duration.ofSeconds(10)), events);

        settings.set(Setting.ENVIRONMENT_NAME, "staging", "ada");
        settings.set(Setting.ENVIRONMENT_NAME, " eu-staging ", "bob");
        settings.set(Setting.NOVU_API_KEY, "nv_postgres_secret_5555", "ada");

        assertThat(jdbc.sql("select setting_value, updated_by from setting_override where name = 'environment-name'")
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2))
                        .single())
                .isEqualTo("eu-staging/bob");
        assertThat(jdbc.sql("select setting_value from setting_override where name = 'novu.api-key'")
                        .query(String.class)
                        .single())
                .startsWith(SettingsEncryption.PREFIX)
                .doesNotContain("nv_postgres_secret", "5555");
        assertThat(events)
                .filteredOn(SettingChanged.class::isInstance)
                .map(e -> ((SettingChanged) e).after())
                .containsExactly("staging", "eu-staging", "••••5555");

        // Another instance with the same key reads what this one wrote.
        RuntimeSettings other = settings(
                new SettingsProperties("postgres-test-key", data.resolve("key"), Duration.ofSeconds(10)), events);
        assertThat(other.text(Setting.NOVU_API_KEY)).contains("nv_postgres_secret_5555");
        assertThat(other.environmentName()).isEqualTo("eu-staging");

        settings.reset(Setting.ENVIRONMENT_NAME, "ada");
        settings.reset(Setting.NOVU_API_KEY, "ada");
        assertThat(jdbc.sql("select count(*) from setting_override")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(settings(
                                new SettingsProperties(
                                        "postgres-test-key", data.resolve("key"), Duration.ofSeconds(10)),
                                events)
                        .environmentName())
                .isEqualTo("production");
    }

    @Test
    void anotherInstancePicksUpAChangeAtItsNextRefresh(@TempDir Path data) {
        SettingsProperties properties =
                new SettingsProperties("postgres-test-key", data.resolve("key"), Duration.ofSeconds(10));
        List<Object> seenByOther = new ArrayList<>();
        RuntimeSettings one = settings(properties, new ArrayList<>());
        RuntimeSettings other = settings(properties, seenByOther);
        assertThat(other.rateLimits()).isEmpty();

        one.set(Setting.RATE_LIMIT, "team", "ada");
        other.refresh();

        assertThat(other.rateLimits()).contains(RateLimits.Plan.TEAM.limits());
        assertThat(seenByOther).containsExactly(new SettingsRefreshed());

        other.refresh();
        assertThat(seenByOther).as("nothing changed: no reload").hasSize(1);
        one.reset(Setting.RATE_LIMIT, "ada");
        other.refresh();
        assertThat(other.rateLimits()).isEmpty();
    }

    @Test
    void generatesAnOwnerOnlyKeyFileOnFirstStartAndReusesIt(@TempDir Path data) throws Exception {
        Path keyFile = data.resolve("nested").resolve("settings-encryption.key");
        List<Object> events = new ArrayList<>();

        RuntimeSettings first = settings(new SettingsProperties(null, keyFile, Duration.ofSeconds(10)), events);
        first.set(Setting.WEBHOOK_SECRET, "whsec_generated_key_test", "ada");

        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        RuntimeSettings restarted = settings(new SettingsProperties(null, keyFile, Duration.ofSeconds(10)), events);
        assertThat(restarted.text(Setting.WEBHOOK_SECRET)).contains("whsec_generated_key_test");
        restarted.reset(Setting.WEBHOOK_SECRET, "ada");
    }
}
