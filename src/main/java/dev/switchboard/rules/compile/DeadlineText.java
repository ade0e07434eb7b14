package dev.switchboard.rules.compile;

import java.util.function.LongSupplier;

/**
 * Event text handed to a regular expression, which stops the match once the time budget is spent. A rule's
 * regex meets untrusted text, and some patterns backtrack for minutes ({@code (a+)+$}); the regex engine reads
 * every character through {@link #charAt}, so that is where the clock is checked (every 1024 reads, to stay
 * cheap).
 */
final class DeadlineText implements CharSequence {

    private final String text;
    private final LongSupplier nanoTime;
    private final long deadline;
    private int reads;

    DeadlineText(String text, LongSupplier nanoTime, long budgetNanos) {
        this.text = text;
        this.nanoTime = nanoTime;
        this.deadline = nanoTime.getAsLong() + budgetNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 1023) == 0 && nanoTime.getAsLong() - deadline > 0) {
            throw new IllegalStateException("the regular expression ran over its time budget");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
