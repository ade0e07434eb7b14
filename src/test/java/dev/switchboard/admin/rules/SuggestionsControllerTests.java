package dev.switchboard.admin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(SuggestionsController.class)
@Import(AdminSliceTestConfiguration.class)
class SuggestionsControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TrafficSuggestions traffic;

    @MockitoBean
    BuilderPage page;

    @MockitoBean
    UserDetailsService users;

    @Test
    void suggestsThePathsSeenInMessagesOfTheChosenEvents() {
        given(traffic.paths(List.of("Order Completed"))).willReturn(List.of("$.properties.total"));

        assertThat(mvc.post()
                        .uri("/rules/try/suggestions")
                        .param("events[0]", "Order Completed")
                        .with(user("eve").roles("EDITOR"))
                        .with(csrf()))
                .hasStatusOk()
                .bodyText()
                .contains("<datalist id=\"paths\"><option value=\"$.properties.total\"></option></datalist>")
                .contains("<select id=\"testEventId\"");
    }
}
