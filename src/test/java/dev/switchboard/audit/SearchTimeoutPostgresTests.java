package dev.switchboard.audit;

import dev.switchboard.support.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event search's statement timeout on a real PostgreSQL (statement cancelled, SQLSTATE 57014). */
class SearchTimeoutPostgresTests extends SearchTimeoutIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "search_timeout");
    }

    @Override
    String endlessStatement() {
        return "select count(*) from generate_series(1, 100000) a, generate_series(1, 100000) b";
    }
}
