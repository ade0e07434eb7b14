package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real-shaped Segment messages in src/test/resources/segment. */
public final class SegmentSamples {

    private SegmentSamples() {}

    public static String text(String name) {
        try (InputStream in = SegmentSamples.class.getResourceAsStream("/segment/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
