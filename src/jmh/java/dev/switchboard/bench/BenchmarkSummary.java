package dev.switchboard.bench;

import dev.switchboard.rules.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JMH JSON result of {@link RuleEngineBenchmark} into a Markdown table with the three target ratios of
 * issue #3, and prints it. Usage: {@code BenchmarkSummary <jmh-result.json> <summary.md>}.
 */
public final class BenchmarkSummary {

    private static final String PREFIX = RuleEngineBenchmark.class.getName() + ".";

    private record Row(String benchmark, int rules, double nanos, double error) {}

    private BenchmarkSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchmarkSummary <jmh-result.json> <summary.md>");
            System.exit(2);
        }
        List<Row> rows = rows(RuleEngineBenchmark.JSON.readTree(Files.readAllBytes(Path.of(args[0]))));
        String markdown = markdown(rows);
        Files.writeString(Path.of(args[1]), markdown);
        System.out.print(markdown);
    }

    private static List<Row> rows(JsonNode results) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").stringValue().replace(PREFIX, "");
            JsonNode params = result.path("params");
            int rules = 0;
            for (String name : List.of("rules", "explainRules", "easyRules")) {
                if (params.has(name)) {
                    rules = Integer.parseInt(params.get(name).stringValue());
                }
            }
            JsonNode metric = result.get("primaryMetric");
            double error = metric.get("scoreError").isNumber()
                    ? metric.get("scoreError").doubleValue()
                    : Double.NaN;
            rows.add(new Row(benchmark, rules, metric.get("score").doubleValue(), error));
        }
        return rows;
    }

    private static String markdown(List<Row> rows) {
        Map<String, Object> message = RuleEngineBenchmark.parse(RuleEngineBenchmark.eventBytes());
        Double parse = score(rows, "parseEvent", 0);
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Rule engine benchmark, %s: %d cores, JDK %s, load average %s when summarized."
                        + " Event: `%s` (%d bytes).%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                loadAverage(),
                RuleEngineBenchmark.EVENT.substring(1),
                RuleEngineBenchmark.eventBytes().length));
        md.append("| benchmark | rules | µs/op | ± (99.9%) | × parse | rules considered / matched |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
        for (Row row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %s | %s | %s |%n",
                    row.benchmark(),
                    row.rules() == 0 ? "–" : String.format(Locale.ROOT, "%,d", row.rules()),
                    row.nanos() / 1000,
                    Double.isNaN(row.error()) ? "–" : String.format(Locale.ROOT, "%.2f", row.error() / 1000),
                    parse == null ? "–" : String.format(Locale.ROOT, "%.2f", row.nanos() / parse),
                    row.rules() == 0 ? "–" : considered(row, message)));
        }
        md.append("\n| target | figure | goal | met |\n| --- | ---: | --- | --- |\n");
        target(
                md,
                "evaluate 10,000 rules / parse the event",
                ratio(score(rows, "evaluate", 10000), parse),
                "≤ 1.0",
                true,
                1.0);
        target(
                md,
                "evaluate 10,000 rules / evaluate 10 rules",
                ratio(score(rows, "evaluate", 10000), score(rows, "evaluate", 10)),
                "≤ 3.0",
                true,
                3.0);
        target(
                md,
                "Easy Rules 1,000 / evaluate 1,000 rules",
                ratio(score(rows, "easyRules", 1000), score(rows, "evaluate", 1000)),
                "≥ 100",
                false,
                100.0);
        Double explain = ratio(score(rows, "evaluateExplain", 1000), score(rows, "evaluate", 1000));
        md.append(String.format(
                Locale.ROOT,
                "| explain mode 1,000 rules / evaluate 1,000 rules | %s | (cost of explain) | |%n",
                explain == null ? "–" : String.format(Locale.ROOT, "%.2f", explain)));
        return md.toString();
    }

    private static void target(StringBuilder md, String what, Double ratio, String goal, boolean atMost, double bound) {
        String met = ratio == null ? "not measured" : (atMost ? ratio <= bound : ratio >= bound) ? "yes" : "**no**";
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |%n",
                what,
                ratio == null ? "–" : String.format(Locale.ROOT, "%.2f", ratio),
                goal,
                met));
    }

    private static String considered(Row row, Map<String, Object> message) {
        if (row.benchmark().equals("easyRules")) {
            return String.format(
                    Locale.ROOT,
                    "%,d / %d",
                    row.rules(),
                    RuleEngineBenchmark.matchedBySwitchboard(row.rules(), message));
        }
        Evaluation evaluation = RuleEngineBenchmark.snapshot(row.rules()).evaluate(message, false);
        return String.format(
                Locale.ROOT,
                "%,d / %d",
                evaluation.outcomes().size(),
                evaluation.matched().size());
    }

    private static Double score(List<Row> rows, String benchmark, int rules) {
        return rows.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.rules() == rules)
                .map(Row::nanos)
                .findFirst()
                .orElse(null);
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null ? null : a / b;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
