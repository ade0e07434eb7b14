package dev.switchboard.admin.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(LoginController.class)
@Import(AdminSliceTestConfiguration.class)
class LoginControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    UserDetailsService users;

    @Test
    void showsTheLoginPageWithLabelledFields() {
        assertThat(mvc.get().uri("/login"))
                .hasStatusOk()
                .hasViewName("admin/login")
                .bodyText()
                .contains("<label for=\"username\">", "<label for=\"password\">", "name=\"_csrf\"");
    }

    @Test
    void sendsPeopleWhoAreNotLoggedInToTheLoginPage() {
        assertThat(mvc.get().uri("/rules"))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .isEqualTo("/login");
    }

    @Test
    void refusesALoginPostWithoutCsrfToken() {
        assertThat(mvc.post().uri("/login").param("username", "a").param("password", "b"))
                .hasStatus(403);
    }

    @Test
    void sendsAFailedLoginBackWithAnError() {
        assertThat(mvc.post()
                        .uri("/login")
                        .param("username", "a")
                        .param("password", "b")
                        .with(csrf()))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .isEqualTo("/login?error");
    }
}
