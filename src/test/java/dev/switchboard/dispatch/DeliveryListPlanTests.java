package dev.switchboard.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.QueryPlans;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The deliveries list (API and admin page) on H2 reads one index newest first and stops after its page: H2 marks
 * such a plan "index sorted"; without it H2 reads every delivery the filter matches and sorts them, all of a
 * state's rows (millions in a busy outbox) for a page of 50.
 */
@SpringBootTest
@ActiveProfiles("test")
class DeliveryListPlanTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachFilterReadsItsIndexNewestFirst() {
        assertThat(plan(DeliveryFilter.of(null, null, null, null, null)))
                .contains("IX_DELIVERY_CREATED_AT", "index sorted");
        assertThat(plan(DeliveryFilter.of("dead", null, null, null, null)))
                .contains("IX_DELIVERY_STATUS_CREATED_AT", "index sorted");
        assertThat(plan(DeliveryFilter.of("dead", "a-rule", null, Instant.EPOCH, null)))
                .contains("IX_DELIVERY_RULE_STATUS", "index sorted");
        assertThat(plan(DeliveryFilter.of(null, null, "a-user", null, null)))
                .contains("IX_DELIVERY_USER_KEY", "index sorted");
        assertThat(plan(DeliveryFilter.of("dead", "a-rule", "a-user", null, null)))
                .contains("IX_DELIVERY_USER_KEY", "index sorted");
    }

    private String plan(DeliveryFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = DeliveryStore.findSql(filter, params, 0, 50);
        return QueryPlans.explain(jdbc, sql, params);
    }
}
