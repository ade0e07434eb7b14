package dev.switchboard.rules.mvel;

/** An expression the sandbox refuses, with the 1-based column where the refused part starts. */
final class ExpressionRefusedException extends RuntimeException {

    private final int column;

    ExpressionRefusedException(int column, String reason) {
        super(reason);
        this.column = column;
    }

    int column() {
        return column;
    }
}
