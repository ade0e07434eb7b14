package dev.switchboard.mapping;

/**
 * A field of an action cannot be filled for this message. Thrown while rendering and turned into
 * {@link ActionOutcome.Invalid} by the action, so every check can stop the render where it finds the problem.
 */
final class InvalidFieldException extends RuntimeException {

    private final String field;
    private final String reason;

    private InvalidFieldException(String field, String reason) {
        super(field + ": " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    static InvalidFieldException of(String field, String reason) {
        return new InvalidFieldException(field, reason);
    }

    String field() {
        return field;
    }

    String reason() {
        return reason;
    }
}
