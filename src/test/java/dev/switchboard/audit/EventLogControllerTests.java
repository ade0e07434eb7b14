package dev.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** {@code GET /api/events} answers a search the database stopped with a problem detail that says what to do. */
@WebMvcTest(EventLogController.class)
@Import(AdminSliceTestConfiguration.class)
class EventLogControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    EventLog events;

    @Test
    void answersASearchThatRanTooLongWith422AndHowToNarrowIt() {
        given(events.search(any())).willThrow(new SearchTooBroadException(Duration.ofSeconds(15)));

        assertThat(mvc.get().uri("/api/events?q=c-99120").with(user("vic").roles("VIEWER")))
                .hasStatus(422)
                .hasContentType("application/problem+json")
                .bodyJson()
                .satisfies(body -> assertThat(body.getJson())
                        .contains("search-too-broad", "The search ran longer than 15 s and was stopped", "from/to"));
    }
}
