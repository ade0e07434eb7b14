package dev.switchboard.admin.users;

import dev.switchboard.security.UserAccountException;
import dev.switchboard.security.UserAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /account/password}: anyone logged in changes their own password. */
@Controller
class PasswordController {

    private final UserAccounts accounts;

    PasswordController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account/password")
    String showEditForm(@ModelAttribute("passwordForm") PasswordForm form) {
        return "admin/users/password";
    }

    @PostMapping("/account/password")
    String update(
            @ModelAttribute("passwordForm") PasswordForm form,
            BindingResult result,
            Authentication user,
            RedirectAttributes redirect) {
        try {
            accounts.changeOwnPassword(user.getName(), form.getCurrentPassword(), form.getNewPassword());
            redirect.addFlashAttribute("message", "Your password is changed.");
            return "redirect:/account/password";
        } catch (UserAccountException e) {
            result.rejectValue("password".equals(e.field()) ? "newPassword" : e.field(), "invalid", e.getMessage());
            return "admin/users/password";
        }
    }
}
