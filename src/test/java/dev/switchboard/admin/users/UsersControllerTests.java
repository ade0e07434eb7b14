package dev.switchboard.admin.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.switchboard.admin.AdminSliceTestConfiguration;
import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccountException;
import dev.switchboard.security.UserAccounts;
import dev.switchboard.security.UserChange;
import dev.switchboard.security.UserSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest({UsersController.class, PasswordController.class})
@Import(AdminSliceTestConfiguration.class)
class UsersControllerTests {

    private static final Instant WHEN = Instant.parse("2026-11-28T09:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    UserAccounts accounts;

    @MockitoBean
    UserDetailsService users;

    @Test
    void listsUsersWithRolesAndEveryChangeForAdmins() {
        given(accounts.list()).willReturn(List.of(new UserSummary("eve", Role.EDITOR, true, WHEN)));
        given(accounts.changes(anyInt())).willReturn(List.of(new UserChange("eve", "created as editor", "ada", WHEN)));

        assertThat(mvc.get().uri("/users").with(user("ada").roles("ADMIN")))
                .hasStatusOk()
                .hasViewName("admin/users/list")
                .bodyText()
                .contains("id=\"user-eve\"", "created as editor", "by ada", "<label for=\"username\">");
    }

    @Test
    void keepsEditorsAndViewersOut() {
        assertThat(mvc.get().uri("/users").with(user("eve").roles("EDITOR"))).hasStatus(403);
        assertThat(mvc.post().uri("/users").with(user("eve").roles("EDITOR")).with(csrf()))
                .hasStatus(403);
        assertThat(mvc.get().uri("/settings").with(user("eve").roles("EDITOR"))).hasStatus(403);
    }

    @Test
    void createsAUserWithRoleAndInitialPassword() {
        var result = mvc.post()
                .uri("/users")
                .param("username", "vic")
                .param("role", "VIEWER")
                .param("password", "a-long-enough-password")
                .with(user("ada").roles("ADMIN"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/users");
        verify(accounts).create("vic", Role.VIEWER, "a-long-enough-password", "ada");
    }

    @Test
    void showsWhyAUserCannotBeCreated() {
        var result = mvc.post()
                .uri("/users")
                .param("username", "vic")
                .param("role", "VIEWER")
                .param("password", "short")
                .with(user("ada").roles("ADMIN"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatusOk().bodyText().contains("must have at least 12 characters");
        verify(accounts, never()).create(any(), any(), any(), any());
    }

    @Test
    void reportsThatTheLastAdminCannotBeDemoted() {
        willThrow(UserAccountException.lastAdmin()).given(accounts).changeRole("ada", Role.VIEWER, "ada");

        assertThat(mvc.post()
                        .uri("/users/ada/role")
                        .param("role", "VIEWER")
                        .with(user("ada").roles("ADMIN"))
                        .with(csrf()))
                .flash()
                .containsKey("error");
    }

    @Test
    void letsAnyoneChangeTheirOwnPassword() {
        var result = mvc.post()
                .uri("/account/password")
                .param("currentPassword", "old-password-123")
                .param("newPassword", "new-password-456")
                .with(user("vic").roles("VIEWER"))
                .with(csrf())
                .exchange();

        assertThat(result).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/account/password");
        verify(accounts).changeOwnPassword("vic", "old-password-123", "new-password-456");
    }

    @Test
    void saysWhenTheCurrentPasswordIsWrong() {
        willThrow(UserAccountException.wrongPassword())
                .given(accounts)
                .changeOwnPassword("vic", "guess", "new-password-456");

        assertThat(mvc.post()
                        .uri("/account/password")
                        .param("currentPassword", "guess")
                        .param("newPassword", "new-password-456")
                        .with(user("vic").roles("VIEWER"))
                        .with(csrf()))
                .hasStatusOk()
                .bodyText()
                .contains("is not your current password");
    }
}
