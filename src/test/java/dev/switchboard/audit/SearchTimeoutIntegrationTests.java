package dev.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.test.context.ActiveProfiles;

/**
 * The event search's statement timeout on a real database: a statement the search runs is stopped by the database
 * once {@code switchboard.audit.search-timeout} has passed, so a search over too much cannot hold a pooled
 * connection (which intake needs too) for minutes.
 */
@SpringBootTest(properties = "switchboard.audit.search-timeout=1s")
@ActiveProfiles("test")
class SearchTimeoutIntegrationTests {

    @Autowired
    EventSearch search;

    /** Ten billion rows to count: minutes of work, only stopped by the timeout. */
    String endlessStatement() {
        return "select count(*) from system_range(1, 100000) a, system_range(1, 100000) b";
    }

    @Test
    void theDatabaseStopsASearchStatementAfterTheTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> search.client()
                        .sql(endlessStatement())
                        .query(Long.class)
                        .single())
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(900), Duration.ofSeconds(30));
    }
}
