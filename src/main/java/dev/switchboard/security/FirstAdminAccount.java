package dev.switchboard.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first admin when nobody can log in yet. A generated password is printed this once, because it
 * is stored only as a hash: this is the one time anyone can read it.
 */
@Component
@Order(0)
class FirstAdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminAccount.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccountRepository accounts;
    private final AdminProperties properties;
    private final PasswordEncoder passwords;
    private final Clock clock;

    FirstAdminAccount(
            UserAccountRepository accounts, AdminProperties properties, PasswordEncoder passwords, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) {
            return;
        }
        boolean generated =
                properties.password() == null || properties.password().isBlank();
        String password = generated ? randomPassword() : properties.password();
        accounts.save(new UserAccount(properties.username(), passwords.encode(password), Role.ADMIN, clock.instant()));
        if (generated) {
            log.warn(
                    "\n\n  First start: created admin account '{}' with the generated password  {}\n"
                            + "  It is shown only this once. Set SWITCHBOARD_ADMIN_PASSWORD before the first start"
                            + " to choose it.\n",
                    properties.username(),
                    password);
        } else {
            log.info("First start: created admin account '{}' with the configured password", properties.username());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
