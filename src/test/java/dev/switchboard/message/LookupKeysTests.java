package dev.switchboard.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.LookupKeySql;
import dev.switchboard.support.EmbeddedPostgresSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class LookupKeysTests {

    private static final List<String> IDS = List.of(
            "abc", "ajs-next-69f1c6a1a6c6e0e6d5f3b2a1", "65a1f0c2e4b3d2c1b0a9f8e7", "Jürgen@example.com", "名前", "");

    @Test
    void isTheFirstEightBytesOfTheSha256BigEndian() {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de ... (FIPS 180-2, appendix B.1)
        assertThat(LookupKeys.keyOf("abc")).isEqualTo(0xba7816bf8f01cfeaL);
        assertThat(LookupKeys.of(null)).isNull();
        assertThat(LookupKeys.of("abc")).isEqualTo(0xba7816bf8f01cfeaL);
    }

    @Test
    void theSqlSpellingsOfMigrationAndTestsAgreeWithIt() {
        JdbcClient h2 =
                JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:keys-" + UUID.randomUUID(), "sa", ""));
        JdbcClient postgres = JdbcClient.create(new DriverManagerDataSource(
                EmbeddedPostgresSupport.newDatabase("lookup_keys"), "postgres", "postgres"));
        for (String id : IDS) {
            assertThat(h2.sql("select " + LookupKeySql.of("cast(? as varchar)", false))
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("H2, %s", id)
                    .isEqualTo(LookupKeys.keyOf(id));
            assertThat(postgres.sql("select " + LookupKeySql.of("cast(? as text)", true))
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("PostgreSQL, %s", id)
                    .isEqualTo(LookupKeys.keyOf(id));
        }
    }
}
