package dev.switchboard.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The hand-written reader and writer must agree with the JDK on every text and instant, valid or not. */
class IsoTimesTests {

    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 =
            Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void readsWhatTheJdkReadsAndRefusesWhatItRefuses() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-11-28T10:15:30.000Z",
                "2026-11-28T10:15:30Z",
                "2026-11-28T10:15:30.1Z",
                "2026-11-28T10:15:30.123456789Z",
                "2026-11-28T10:15:30.1234567891Z",
                "2026-11-28T10:15:30.Z",
                "2026-11-28T10:15:30+01:00",
                "2026-11-28T10:15:30.5-05:30",
                "2026-11-28T10:15:30+18:00",
                "2026-11-28T10:15:30-18:00",
                "2026-11-28T10:15:30+18:01",
                "2026-11-28T10:15:30+19:00",
                "2026-11-28T10:15:30-00:00",
                "2026-11-28T10:15:30+01:60",
                "2026-11-28T10:15:30+0100",
                "2026-11-28T10:15:30+01",
                "2026-11-28T10:15:30+01:00:30",
                "2026-11-28T10:15Z",
                "2026-11-28t10:15:30z",
                "2026-11-28 10:15:30Z",
                "2026-11-28T10:15:30",
                "2026-02-29T00:00:00Z",
                "2028-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z",
                "2026-11-00T00:00:00Z",
                "2026-11-28T24:00:00Z",
                "2026-11-28T23:60:00Z",
                "2026-11-28T23:59:60Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "2026-11-28T1O:15:30Z",
                "2026-11-28T10:15:30.000Zjunk",
                "",
                "yesterday",
                "1732789530"));
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 5_000; i++) {
            String text = randomText(random);
            texts.add(text);
            // The same text with one character changed or cut short: near misses must be refused alike.
            char[] chars = text.toCharArray();
            chars[random.nextInt(chars.length)] = "0123456789:-+.TZ x".charAt(random.nextInt(18));
            texts.add(new String(chars));
            texts.add(text.substring(0, random.nextInt(text.length())));
        }

        for (String text : texts) {
            assertThat(IsoTimes.parse(text)).as(text).isEqualTo(jdk(text));
        }
    }

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(7);
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(YEAR_0),
                Instant.ofEpochSecond(YEAR_0 - 1),
                Instant.ofEpochSecond(YEAR_10000 - 1, 999_999_999),
                Instant.ofEpochSecond(YEAR_10000),
                Instant.ofEpochSecond(-1, 500_000_000),
                Instant.parse("2026-11-28T10:15:30.120Z"),
                Instant.parse("2026-11-28T10:15:30.000120Z"),
                Instant.parse("2026-11-28T10:15:30.000000120Z"),
                Instant.MIN,
                Instant.MAX));
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(YEAR_0 - 1_000_000, YEAR_10000 + 1_000_000);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }

        for (Instant instant : instants) {
            assertThat(IsoTimes.format(instant)).isEqualTo(instant.toString());
        }
    }

    /** A date-time in the shapes senders use, with now and then a field out of range. */
    private static String randomText(SplittableRandom random) {
        String fraction = switch (random.nextInt(5)) {
            case 0 -> "";
            case 1 -> "." + pad(random.nextInt(1000), 3);
            case 2 -> "." + pad(random.nextInt(1_000_000), 6);
            case 3 -> "." + pad(random.nextInt(1_000_000_000), 9);
            default -> "." + random.nextInt(100);
        };
        String offset = switch (random.nextInt(3)) {
            case 0 -> "Z";
            default ->
                (random.nextBoolean() ? "+" : "-") + pad(random.nextInt(20), 2) + ":" + pad(random.nextInt(61), 2);
        };
        return pad(random.nextInt(10_000), 4) + "-" + pad(random.nextInt(14), 2) + "-" + pad(random.nextInt(33), 2)
                + "T" + pad(random.nextInt(25), 2) + ":" + pad(random.nextInt(61), 2) + ":" + pad(random.nextInt(61), 2)
                + fraction + offset;
    }

    private static String pad(int value, int digits) {
        return String.format("%0" + digits + "d", value);
    }

    private static @Nullable Instant jdk(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
