package dev.switchboard.admin;

import dev.switchboard.novu.NovuClient;
import dev.switchboard.novu.NovuProperties;
import dev.switchboard.rules.RuleNotFoundException;
import dev.switchboard.settings.RuntimeSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What every page's layout needs (who is logged in, dry-run mode, the environment name), and the not-found page for a missing rule. */
@ControllerAdvice(basePackages = "dev.switchboard.admin")
class AdminPageAdvice {

    private final NovuProperties novu;
    private final RuntimeSettings settings;

    AdminPageAdvice(NovuProperties novu, RuntimeSettings settings) {
        this.novu = novu;
        this.settings = settings;
    }

    @ModelAttribute("me")
    @Nullable
    CurrentUser me(@Nullable Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return CurrentUser.of(authentication);
    }

    @ModelAttribute("dryRun")
    boolean dryRun() {
        return NovuClient.Connection.effective(novu, settings).dryRun();
    }

    /** Which installation this is, in every page's header. */
    @ModelAttribute("environmentName")
    @Nullable
    String environmentName() {
        return settings.environmentName();
    }

    @ExceptionHandler(RuleNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }
}
