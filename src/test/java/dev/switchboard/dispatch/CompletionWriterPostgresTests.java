package dev.switchboard.dispatch;

import dev.switchboard.support.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared commits of workers' results on PostgreSQL, where they are JDBC batches whose update counts tell a
 * lost claim from a held one, and where the cancel by rule's statements must find the user's rows by their index.
 */
class CompletionWriterPostgresTests extends CompletionWriterIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.useDatabase(registry, "completions");
    }
}
