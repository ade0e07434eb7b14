package dev.switchboard.admin.users;

import dev.switchboard.security.Role;
import dev.switchboard.security.UserAccountException;
import dev.switchboard.security.UserAccounts;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /users} (admins): people, their roles, and every change made to them. */
@Controller
class UsersController {

    private final UserAccounts accounts;

    UsersController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/users")
    String list(Model model) {
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", new UserForm());
        }
        model.addAttribute("users", accounts.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("changes", accounts.changes(30));
        return "admin/users/list";
    }

    @PostMapping("/users")
    String create(
            @Valid @ModelAttribute("userForm") UserForm form,
            BindingResult result,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                accounts.create(form.getUsername(), form.getRole(), form.getPassword(), user.getName());
                redirect.addFlashAttribute("message", "Added " + form.getUsername() + ".");
                return "redirect:/users";
            } catch (UserAccountException e) {
                result.rejectValue(e.field(), "invalid", e.getMessage());
            }
        }
        return list(model);
    }

    @PostMapping("/users/{username}/role")
    String changeRole(
            @PathVariable String username, @RequestParam Role role, Authentication user, RedirectAttributes redirect) {
        return change(
                redirect,
                () -> accounts.changeRole(username, role, user.getName()),
                username + " is now " + role.name().toLowerCase());
    }

    @PostMapping("/users/{username}/enabled")
    String setEnabled(
            @PathVariable String username,
            @RequestParam boolean enabled,
            Authentication user,
            RedirectAttributes redirect) {
        return change(
                redirect,
                () -> accounts.setEnabled(username, enabled, user.getName()),
                (enabled ? "Enabled " : "Disabled ") + username + ".");
    }

    private static String change(RedirectAttributes redirect, Runnable change, String done) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        } catch (UserAccountException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users";
    }
}
