package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic (seeded) catalog of {@code count} realistic rules, each given twice: as Switchboard rule JSON
 * and as the equivalent MVEL condition an Easy Rules user would write.
 *
 * <p>The catalog: many distinct event names ({@code Event 0001}, ..., about one name per two rules), a mix of
 * types (track mostly, some page, screen and identify), most rules with 1 to 3 property conditions (equals, in,
 * gte/gt/lt, contains, starts_with, exists, is_true), about 2% globs ({@code "Event 01*"}) and about 1% MVEL
 * expressions, each with a trigger action mapping the subscriber and a payload. Four anchor rules are aimed at
 * {@code Order Completed}, the event under test: two match it, one (with an MVEL expression) does not, and one
 * {@code "Order *"} glob does not, so the event meets a realistic handful of rules and matches two.
 */
final class GeneratedRules {

    static final long SEED = 20261128L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One rule in both forms. */
    record Rule(String key, int priority, JsonNode json, String mvelCondition) {}

    private record Test(String path, String op, Object value) {}

    private final Random random = new Random(SEED);
    private final int eventNames;

    private GeneratedRules(int count) {
        this.eventNames = Math.max(5, count / 2);
    }

    static List<Rule> generate(int count) {
        return new GeneratedRules(count).rules(count);
    }

    private List<Rule> rules(int count) {
        List<Rule> rules = new ArrayList<>(anchors());
        for (int i = rules.size(); i < count; i++) {
            rules.add(generated(i));
        }
        return rules.subList(0, count);
    }

    private List<Rule> anchors() {
        return List.of(
                rule(
                        "order-confirmation",
                        10,
                        List.of("track"),
                        List.of("Order Completed"),
                        List.of(
                                new Test("properties.order_id", "exists", null),
                                new Test("properties.total", "gte", 0)),
                        null),
                rule(
                        "order-big-basket",
                        20,
                        List.of("track"),
                        List.of("Order Completed"),
                        List.of(
                                new Test("properties.currency", "in", List.of("EUR", "GBP", "USD")),
                                new Test("properties.total", "gte", 100)),
                        null),
                rule(
                        "order-vip",
                        30,
                        List.of("track"),
                        List.of("Order Completed"),
                        List.of(new Test("context.traits.email", "exists", null)),
                        "properties.total > 500 && properties.currency == 'EUR'"),
                rule(
                        "order-any-with-coupon",
                        40,
                        List.of("track"),
                        List.of("Order *"),
                        List.of(new Test("properties.coupon", "exists", null)),
                        null));
    }

    private Rule generated(int i) {
        String key = String.format(Locale.ROOT, "rule-%05d", i);
        int priority = 50 + random.nextInt(200);
        String event = eventName(random.nextInt(eventNames));
        if (i % 50 == 25) {
            // a glob over a family of ten generated names, e.g. "Event 012*"
            String family = event.substring(0, event.length() - 1) + "*";
            return rule(key, priority, List.of("track"), List.of(family), conditions(1), null);
        }
        if (i % 100 == 70) {
            int threshold = 20 + random.nextInt(300);
            return rule(
                    key,
                    priority,
                    List.of("track"),
                    List.of(event),
                    conditions(1),
                    "properties.total > " + threshold + " || properties.quantity >= 3");
        }
        int kind = random.nextInt(20);
        if (kind < 2) {
            return rule(key, priority, List.of("page"), List.of("Page " + event.substring(6)), conditions(1), null);
        }
        if (kind == 2) {
            return rule(key, priority, List.of("screen"), List.of("Screen " + event.substring(6)), conditions(1), null);
        }
        if (kind == 3) {
            // an identify rule: no event filter, filed under its type
            return rule(
                    key,
                    priority,
                    List.of("identify"),
                    List.of(),
                    List.of(new Test("traits.plan", "equals", plan()), new Test("traits.email", "exists", null)),
                    null);
        }
        int size = 1 + (random.nextInt(100) < 50 ? 0 : random.nextInt(100) < 70 ? 1 : 2);
        return rule(key, priority, List.of("track"), List.of(event), conditions(size), null);
    }

    private String eventName(int n) {
        return String.format(Locale.ROOT, "Event %04d", n + 1);
    }

    private List<Test> conditions(int size) {
        List<Test> tests = new ArrayList<>(size);
        for (int c = 0; c < size; c++) {
            tests.add(condition());
        }
        return tests;
    }

    private Test condition() {
        switch (random.nextInt(8)) {
            case 0:
                return new Test("properties.currency", "equals", random.nextBoolean() ? "EUR" : "USD");
            case 1:
                return new Test("properties.category", "in", List.of("Shoes", "Bags", plan()));
            case 2:
                return new Test("properties.total", "gte", 10 * (1 + random.nextInt(30)));
            case 3:
                return new Test("properties.quantity", random.nextBoolean() ? "gt" : "lt", 1 + random.nextInt(5));
            case 4:
                return new Test("context.page.url", "contains", "/p/item-" + random.nextInt(100));
            case 5:
                return new Test("properties.sku", "starts_with", "SKU-" + random.nextInt(10));
            case 6:
                return new Test("properties.in_stock", "is_true", null);
            default:
                return new Test("properties.order_id", "exists", null);
        }
    }

    private String plan() {
        return List.of("free", "pro", "team", "enterprise").get(random.nextInt(4));
    }

    private static Rule rule(
            String key, int priority, List<String> types, List<String> events, List<Test> all, String expression) {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("key", key);
        rule.put("name", "Rule " + key);
        rule.put("priority", priority);
        ObjectNode when = rule.putObject("when");
        types.forEach(when.putArray("type")::add);
        events.forEach(when.putArray("event")::add);
        ArrayNode conditions = when.putArray("all");
        for (Test test : all) {
            ObjectNode condition = conditions.addObject();
            condition.put("path", "$." + test.path());
            condition.put("op", test.op());
            if (test.value() != null) {
                condition.set("value", JSON.valueToTree(test.value()));
            }
        }
        if (expression != null) {
            when.put("expression", expression);
        }
        ObjectNode trigger = rule.putArray("actions").addObject();
        trigger.put("type", "trigger");
        trigger.put("workflowId", "wf-" + key);
        ObjectNode to = trigger.putObject("to");
        to.putObject("subscriberId").put("@path", "$.userId");
        to.putObject("email").put("@path", "$.context.traits.email");
        ObjectNode payload = trigger.putObject("payload");
        payload.putObject("orderId").put("@path", "$.properties.order_id");
        payload.putObject("total").put("@path", "$.properties.total");
        payload.putObject("greeting").put("@template", "Hi {{context.traits.firstName}}");
        return new Rule(key, priority, rule, mvel(types, events, all, expression));
    }

    /** The same rule as one MVEL condition over the message's top-level fields, null-safe like the engine. */
    private static String mvel(List<String> types, List<String> events, List<Test> all, String expression) {
        List<String> parts = new ArrayList<>();
        parts.add(anyOf(types.stream().map(t -> "type == '" + t + "'").toList()));
        if (!events.isEmpty()) {
            String field = types.contains("page") || types.contains("screen") ? "name" : "event";
            parts.add(anyOf(events.stream()
                    .map(e -> e.endsWith("*")
                            ? "(" + field + " != null && " + field + ".startsWith('" + e.substring(0, e.length() - 1)
                                    + "'))"
                            : field + " == '" + e + "'")
                    .toList()));
        }
        for (Test test : all) {
            parts.add(mvel(test));
        }
        if (expression != null) {
            parts.add("(" + expression + ")");
        }
        return String.join(" && ", parts);
    }

    private static String mvel(Test test) {
        String path = test.path();
        // the parent of a nested field must be there before the field is read
        String parent = path.substring(0, path.lastIndexOf('.'));
        String guard = parent.contains(".") ? parent + " != null && " : "";
        switch (test.op()) {
            case "equals":
                return "(" + guard + path + " == " + literal(test.value()) + ")";
            case "in":
                return "(" + guard
                        + anyOf(((List<?>) test.value())
                                .stream().map(v -> path + " == " + literal(v)).toList())
                        + ")";
            case "gte":
                return "(" + guard + path + " != null && " + path + " >= " + test.value() + ")";
            case "gt":
                return "(" + guard + path + " != null && " + path + " > " + test.value() + ")";
            case "lt":
                return "(" + guard + path + " != null && " + path + " < " + test.value() + ")";
            case "contains":
                return "(" + guard + path + " != null && " + path + ".contains(" + literal(test.value()) + "))";
            case "starts_with":
                return "(" + guard + path + " != null && " + path + ".startsWith(" + literal(test.value()) + "))";
            case "is_true":
                return "(" + guard + path + " == true)";
            case "exists":
                return "(" + guard + path + " != null)";
            default:
                throw new IllegalArgumentException(test.op());
        }
    }

    private static String anyOf(List<String> alternatives) {
        return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" || ", alternatives) + ")";
    }

    private static String literal(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}
