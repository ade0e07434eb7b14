package dev.switchboard.message;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Row identifiers: time-ordered UUIDv7, made in the application so a batch of rows needs no round trip for
 * keys, yet sorts by creation time (newest-first pagination, index locality).
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static UUID newId() {
        return GENERATOR.generate();
    }
}
