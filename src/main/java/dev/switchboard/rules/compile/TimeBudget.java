package dev.switchboard.rules.compile;

import java.util.function.LongSupplier;

/** How long one piece of open-ended work on event text may take, and the clock to measure it with. */
record TimeBudget(long nanos, LongSupplier nanoTime) {}
