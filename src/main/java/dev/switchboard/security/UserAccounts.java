package dev.switchboard.security;

import dev.switchboard.message.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who log in: list, create with a role and an initial password, change role, enable or disable, and
 * change one's own password. Every change is recorded with who made it and when ({@link #changes}). At least one
 * enabled admin always remains.
 */
@Service
public class UserAccounts {

    static final int MIN_PASSWORD_LENGTH = 12;

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final Clock clock;

    UserAccounts(UserAccountRepository accounts, PasswordEncoder passwords, JdbcClient jdbc, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        return accounts.findAll().stream()
                .sorted(Comparator.comparing(UserAccount::username))
                .map(a -> new UserSummary(a.username(), a.role(), a.enabled(), a.createdAt()))
                .toList();
    }

    /** The latest changes to accounts, newest first. */
    public List<UserChange> changes(int limit) {
        return jdbc.sql("select username, change, changed_by, changed_at from user_change"
                        + " order by changed_at desc, id desc fetch first " + Math.max(1, limit) + " rows only")
                .query((rs, row) -> new UserChange(
                        rs.getString("username"),
                        rs.getString("change"),
                        rs.getString("changed_by"),
                        rs.getObject("changed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** @throws UserAccountException when the name is taken or the password too short */
    @Transactional
    public void create(String username, Role role, String initialPassword, String actor) {
        if (accounts.existsById(username)) {
            throw UserAccountException.usernameTaken(username);
        }
        checkStrength(initialPassword);
        accounts.save(new UserAccount(username, passwords.encode(initialPassword), role, clock.instant()));
        record(username, "created as " + role.name().toLowerCase(java.util.Locale.ROOT), actor);
    }

    @Transactional
    public void changeRole(String username, Role role, String actor) {
        UserAccount account = account(username);
        if (account.role() == role) {
            return;
        }
        if (account.role() == Role.ADMIN && account.enabled()) {
            requireAnotherAdmin(username);
        }
        String before = account.role().name().toLowerCase(java.util.Locale.ROOT);
        account.changeRole(role);
        record(username, "role " + before + " → " + role.name().toLowerCase(java.util.Locale.ROOT), actor);
    }

    @Transactional
    public void setEnabled(String username, boolean enabled, String actor) {
        UserAccount account = account(username);
        if (account.enabled() == enabled) {
            return;
        }
        if (!enabled && account.role() == Role.ADMIN) {
            requireAnotherAdmin(username);
        }
        account.enable(enabled);
        record(username, enabled ? "enabled" : "disabled", actor);
    }

    /** Changes one's own password, proven by the current one. */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        UserAccount account = account(username);
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throw UserAccountException.wrongPassword();
        }
        checkStrength(newPassword);
        account.changePasswordHash(passwords.encode(newPassword));
        record(username, "password changed", username);
    }

    private void requireAnotherAdmin(String username) {
        boolean another = accounts.findAll().stream()
                .anyMatch(a ->
                        a.role() == Role.ADMIN && a.enabled() && !a.username().equals(username));
        if (!another) {
            throw UserAccountException.lastAdmin();
        }
    }

    private static void checkStrength(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw UserAccountException.weakPassword();
        }
    }

    private UserAccount account(String username) {
        return accounts.findById(username).orElseThrow(() -> UserAccountException.notFound(username));
    }

    private void record(String username, String change, String actor) {
        jdbc.sql("insert into user_change (id, username, change, changed_by, changed_at) values (?, ?, ?, ?, ?)")
                .params(Ids.newId(), username, change, actor, clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }
}
