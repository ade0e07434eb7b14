package dev.switchboard.admin.overview;

import dev.switchboard.support.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The overview's counts on a real PostgreSQL. */
class TrafficFiguresPostgresTests extends TrafficFiguresIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "traffic_figures");
    }
}
