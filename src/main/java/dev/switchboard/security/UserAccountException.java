package dev.switchboard.security;

/** A change to an account that cannot be made; the message is safe to show to the person who asked. */
public class UserAccountException extends RuntimeException {

    private final String field;

    private UserAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public static UserAccountException usernameTaken(String username) {
        return new UserAccountException("username", "the user name " + username + " is taken");
    }

    public static UserAccountException notFound(String username) {
        return new UserAccountException("username", "there is no user " + username);
    }

    public static UserAccountException lastAdmin() {
        return new UserAccountException(
                "role", "at least one enabled admin must remain, or nobody could manage users and settings");
    }

    public static UserAccountException wrongPassword() {
        return new UserAccountException("currentPassword", "is not your current password");
    }

    public static UserAccountException weakPassword() {
        return new UserAccountException("password", "must have at least 12 characters");
    }

    /** The form field the problem belongs to. */
    public String field() {
        return field;
    }
}
