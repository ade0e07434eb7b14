package dev.switchboard.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.SegmentSamples;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The hand-written writer must give Jackson's bytes: stored request bodies and Novu's fingerprints rely on it. */
class CompactJsonTests {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    static Stream<String> samples() {
        return SegmentSamples.names().stream();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void writesEverySegmentSampleAsJacksonDoes(String sample) {
        Object message = JACKSON.readValue(SegmentSamples.text(sample), Object.class);

        assertThat(CompactJson.write(message)).isEqualTo(JACKSON.writeValueAsString(message));
    }

    @Test
    void escapesEveryAsciiCharacterAsJacksonDoes() {
        StringBuilder everyChar = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyChar.append(c);
        }
        String text = everyChar + "é中😀\u2028\u2029\ud800 end";
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put(text, List.of(text, "", "\"\\/"));

        assertThat(CompactJson.write(tree)).isEqualTo(JACKSON.writeValueAsString(tree));
    }

    @Test
    void writesNumbersAsJacksonDoes() {
        List<Object> numbers = List.of(
                0,
                -1,
                Integer.MAX_VALUE,
                Long.MIN_VALUE,
                0.0,
                -0.0,
                1.0,
                39.98,
                1e-7,
                1.2345e22,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                new BigDecimal("114.90"),
                new BigDecimal("1E+3"),
                new BigInteger("123456789012345678901234567890"));

        assertThat(CompactJson.write(numbers)).isEqualTo(JACKSON.writeValueAsString(numbers));
    }

    @Test
    void randomTreesComeOutAsJacksonWritesThem() {
        Random random = new Random(20261128);
        for (int i = 0; i < 2_000; i++) {
            Object tree = randomValue(random, 0);

            assertThat(CompactJson.write(tree)).as("tree %d", i).isEqualTo(JACKSON.writeValueAsString(tree));
        }
    }

    @Test
    void leavesWhatItDoesNotKnowToJackson() {
        Map<Object, Object> unusual = new LinkedHashMap<>();
        unusual.put("at", Instant.parse("2026-11-28T16:00:00Z"));
        unusual.put("nan", Double.NaN);
        unusual.put("float", 1.5f);
        unusual.put("array", new int[] {1, 2});
        unusual.put(7, "a number as key");

        assertThat(CompactJson.write(unusual)).isEqualTo(JACKSON.writeValueAsString(unusual));
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextBoolean() ? (Object) random.nextInt() : (Object) random.nextLong();
            case 3 -> randomDouble(random);
            case 4 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(40) - 20);
            case 5 -> randomString(random);
            case 6 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    map.put(randomString(random), randomValue(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield random.nextBoolean() ? list : Arrays.asList(list.toArray());
            }
        };
    }

    /** Any finite double: every exponent, so Double.toString's scientific forms come up too. */
    private static double randomDouble(Random random) {
        double value = Double.longBitsToDouble(random.nextLong());
        return Double.isFinite(value) ? value : random.nextDouble() * 1e6;
    }

    private static String randomString(Random random) {
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) random.nextInt(0x80);
                case 2 -> "\"\\/\u007f".charAt(random.nextInt(4));
                default -> (char) random.nextInt(0x10000);
            };
        }
        return new String(chars);
    }
}
