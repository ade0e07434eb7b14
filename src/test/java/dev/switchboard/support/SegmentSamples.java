package dev.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real-shaped Segment messages in src/test/resources/segment. */
public final class SegmentSamples {

    private SegmentSamples() {}

    /** Every sample's file name ({@code track-order-completed.json}, ...), sorted. */
    public static List<String> names() {
        try (Stream<Path> files =
                Files.list(Path.of(SegmentSamples.class.getResource("/segment").toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

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
