package dev.switchboard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.switchboard.support.IntakeClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The real Segment Java library (3.5.4, the latest on Maven Central) pointed at Switchboard: it posts batches to
 * {@code /v1/import/} with the write key in the body and no Authorization header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SegmentJavaClientIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMessageTypeFromAnalyticsJavaIsStoredOnceAndRedeliveryIsADuplicate() throws Exception {
        String userId = "java-" + UUID.randomUUID();
        var delivered = new CountDownLatch(6);
        var failures = new ConcurrentLinkedQueue<Throwable>();
        Analytics analytics = Analytics.builder(IntakeClient.WRITE_KEY)
                .endpoint("http://localhost:" + port)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(throwable);
                        delivered.countDown();
                    }
                })
                .build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId(userId).traits(Map.of("email", "jane@example.com")));
            analytics.enqueue(TrackMessage.builder("User Abandoned Cart")
                    .userId(userId)
                    .properties(Map.of("cart_total", 114.9, "environment", "production")));
            analytics.enqueue(PageMessage.builder("Cart").userId(userId));
            analytics.enqueue(ScreenMessage.builder("Checkout").userId(userId));
            analytics.enqueue(GroupMessage.builder("acme").userId(userId));
            analytics.enqueue(AliasMessage.builder("anon-" + userId).userId(userId));
            analytics.flush();
            assertThat(delivered.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            analytics.shutdown();
        }

        assertThat(failures).isEmpty();
        List<String> types = jdbc.sql(
                        "select type from event_message where user_id = ? and status in ('routed', 'no_match')")
                .param(userId)
                .query(String.class)
                .list();
        assertThat(types).containsExactlyInAnyOrder("identify", "track", "page", "screen", "group", "alias");
        String payload = jdbc.sql("select payload from event_message where user_id = ? and type = 'track'")
                .param(userId)
                .query(String.class)
                .single();
        assertThat(payload)
                .contains("\"cart_total\":114.9")
                .contains("analytics-java")
                .doesNotContain(IntakeClient.WRITE_KEY);
    }
}
