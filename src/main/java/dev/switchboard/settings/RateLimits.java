package dev.switchboard.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Novu's requests per second per rate-limit category, from a plan or custom. Stored as the plan's name
 * ({@code free}, {@code pro}, {@code team}, {@code enterprise}) or {@code custom:trigger,configuration,global}.
 */
public record RateLimits(String plan, double trigger, double configuration, double global) {

    /** Novu's plans and their limits (docs.novu.co/api-reference/rate-limiting). Team is the former Business. */
    public enum Plan {
        FREE(60, 20, 30),
        PRO(240, 80, 120),
        TEAM(600, 200, 300),
        ENTERPRISE(6000, 2000, 3000);

        private final double trigger;
        private final double configuration;
        private final double global;

        Plan(double trigger, double configuration, double global) {
            this.trigger = trigger;
            this.configuration = configuration;
            this.global = global;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public RateLimits limits() {
            return new RateLimits(key(), trigger, configuration, global);
        }
    }

    public static final String CUSTOM = "custom";

    public static RateLimits custom(double trigger, double configuration, double global) {
        return new RateLimits(CUSTOM, trigger, configuration, global);
    }

    /** The stored form. */
    public String value() {
        return plan.equals(CUSTOM)
                ? CUSTOM + ":" + number(trigger) + "," + number(configuration) + "," + number(global)
                : plan;
    }

    public static Optional<RateLimits> parse(String value) {
        Optional<Plan> plan =
                Arrays.stream(Plan.values()).filter(p -> p.key().equals(value)).findFirst();
        if (plan.isPresent()) {
            return Optional.of(plan.get().limits());
        }
        if (!value.startsWith(CUSTOM + ":")) {
            return Optional.empty();
        }
        String[] parts = value.substring(CUSTOM.length() + 1).split(",", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            double[] numbers =
                    Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray();
            if (Arrays.stream(numbers).anyMatch(n -> !(n > 0) || n > 1_000_000)) {
                return Optional.empty();
            }
            return Optional.of(custom(numbers[0], numbers[1], numbers[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static @Nullable String problem(String value) {
        return parse(value).isPresent()
                ? null
                : "must be a plan (free, pro, team, enterprise) or custom:trigger,configuration,global with every"
                        + " rate above 0 requests per second";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
