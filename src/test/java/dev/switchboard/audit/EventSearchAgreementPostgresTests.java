package dev.switchboard.audit;

import dev.switchboard.support.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same agreement between the event search and the rows it searches, on a real PostgreSQL. */
class EventSearchAgreementPostgresTests extends EventSearchAgreementIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "search_agreement");
    }
}
