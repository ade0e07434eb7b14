package dev.switchboard.admin.login;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles the POST, the throttle and logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String show() {
        return "admin/login";
    }
}
