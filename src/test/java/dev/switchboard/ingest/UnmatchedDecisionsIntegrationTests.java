package dev.switchboard.ingest;

import dev.switchboard.support.IntakeClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Since V50 intake keeps the rules that did not match a message on the message row, and only matched and
 * error decisions as rule_decision rows; the event detail shows them all as before. On H2, over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UnmatchedDecisionsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void storesOneRowForTheMatchAndTheOtherRulesOnTheMessage() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();

        UUID eventId = rules.send();

        rules.assertStored(eventId);
    }

    @Test
    void theEventDetailStillListsEveryDecisionWithItsExplanation() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();

        UUID eventId = rules.send();

        rules.assertShown(eventId);
    }

    @Test
    void aDuplicateStoresNoDecisionsAgain() {
        var rules = new ConsideredRules(new IntakeClient(port), jdbc);
        rules.publish();
        UUID first = rules.send();

        UUID duplicate = rules.sendAgain();

        rules.assertStored(first);
        rules.assertNoDecisions(duplicate);
    }
}
