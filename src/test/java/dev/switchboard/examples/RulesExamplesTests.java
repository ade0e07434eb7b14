package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mapping.ActionCompiler;
import dev.switchboard.mapping.ActionOutcome;
import dev.switchboard.rules.CompiledRule;
import dev.switchboard.rules.Evaluation;
import dev.switchboard.rules.MvelSettings;
import dev.switchboard.rules.RuleCompiler;
import dev.switchboard.rules.RuleFormat;
import dev.switchboard.rules.RuleOutcome;
import dev.switchboard.rules.RuleSnapshot;
import dev.switchboard.support.NovuContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every file in rules-examples/ compiles and does what its description promises on the real Segment samples. */
class RulesExamplesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RuleCompiler COMPILER = new RuleCompiler(new ActionCompiler()::compile, MvelSettings.ON);
    private static RuleSnapshot examples;
    private static List<JsonNode> files;

    @BeforeAll
    static void loadExamples() throws IOException {
        files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("rules-examples"))) {
            for (Path path :
                    paths.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                RuleFormat.rulesIn(JSON.readTree(path.toFile())).forEach(rule -> files.add(rule.json()));
            }
        }
        examples = RuleSnapshot.live(
                files.stream().map(rule -> COMPILER.compile(rule, 1)).toList());
    }

    @Test
    void everyExampleCompilesAndRoundTripsThroughTheCanonicalFormat() {
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode file : files) {
            CompiledRule rule = COMPILER.compile(file, 1);
            JsonNode exported = RuleFormat.toJson(rule.definition());
            // Export writes every field, defaults included; read back, it is the same rule as the file.
            assertThat(RuleFormat.parse(exported)).as(rule.key()).isEqualTo(RuleFormat.parse(file));
            assertThat(RuleFormat.toJson(RuleFormat.parse(exported))).isEqualTo(exported);
        }
    }

    @Test
    void abandonedCartWorksLikeTheClassicSegmentFunction() {
        Evaluation evaluation = examples.evaluate(sample("track-user-abandoned-cart"), false);

        ActionOutcome.NovuCall trigger = onlyCall(evaluation, "abandoned-cart-recovery");
        JsonNode body = JSON.readTree(trigger.body());
        assertThat(body.path("name").asString()).isEqualTo("abandoned-cart-recovery-workflow");
        assertThat(body.path("to").path("subscriberId").asString()).isEqualTo("63da8ee0c037e013fd790ffd");
        assertThat(body.path("to").path("email").asString()).isEqualTo("hi@hi.com");
        assertThat(body.path("payload").path("items").size()).isEqualTo(2);
        assertThat(body.path("payload").path("greeting").asString()).isEqualTo("Hi John, you left something behind");
        assertValid(trigger);
    }

    @Test
    void abandonedCartIgnoresOtherEnvironments() {
        Map<String, Object> message = sample("track-user-abandoned-cart");
        properties(message).put("environment", "staging");

        assertThat(matchedKeys(examples.evaluate(message, false))).doesNotContain("abandoned-cart-recovery");
    }

    @Test
    void orderConfirmationConfirmsAndCancelsThePendingReminders() {
        Evaluation evaluation = examples.evaluate(sample("track-order-completed"), false);

        RuleOutcome order = outcome(evaluation, "order-confirmation");
        assertThat(order.actions()).hasSize(3);
        ActionOutcome.NovuCall trigger =
                (ActionOutcome.NovuCall) order.actions().get(0);
        assertThat(trigger.transactionId()).isEqualTo("order-o-5001");
        assertThat(JSON.readTree(trigger.body()).path("payload").path("coupon").asString())
                .isEqualTo("none");
        assertValid(trigger);
        assertThat(order.actions().subList(1, 3))
                .allSatisfy(action -> assertThat(action).isInstanceOf(ActionOutcome.CancelByRule.class))
                .extracting(action -> ((ActionOutcome.CancelByRule) action).ruleKey())
                .containsExactly("checkout-reminder", "browse-without-buying");
    }

    @Test
    void checkoutReminderIsHeldForTwoHours() {
        ActionOutcome.NovuCall reminder =
                onlyCall(examples.evaluate(sample("track-checkout-started"), false), "checkout-reminder");

        assertThat(reminder.delay()).hasHours(2);
        assertThat(JSON.readTree(reminder.body())
                        .path("payload")
                        .path("productNames")
                        .size())
                .isEqualTo(2);
        assertValid(reminder);
    }

    @Test
    void browsingAnExpensiveProductSchedulesTheDiscountForTomorrow() {
        ActionOutcome.NovuCall discount =
                onlyCall(examples.evaluate(sample("track-product-viewed"), false), "browse-without-buying");

        assertThat(discount.delay()).hasDays(1);
        assertValid(discount);
    }

    @Test
    void engageAudienceEntryTriggersNewArrivals() {
        ActionOutcome.NovuCall call =
                onlyCall(examples.evaluate(sample("track-audience-entered"), false), "frequent-shopper-new-arrivals");

        assertThat(JSON.readTree(call.body()).path("name").asString()).isEqualTo("new-arrivals");
        assertValid(call);
    }

    @Test
    void identifyUpsertsTheSubscriberFirstThenWelcomes() {
        Evaluation evaluation = examples.evaluate(sample("identify"), false);

        assertThat(matchedKeys(evaluation)).containsExactly("subscriber-upsert", "welcome-new-user");
        ActionOutcome.NovuCall upsert = onlyCall(evaluation, "subscriber-upsert");
        assertThat(upsert.path()).isEqualTo("/v2/subscribers");
        assertThat(JSON.readTree(upsert.body()).path("data").path("city").asString())
                .isEqualTo("Berlin");
        assertValid(upsert);
        ActionOutcome.NovuCall welcome = onlyCall(evaluation, "welcome-new-user");
        assertThat(welcome.transactionId()).isEqualTo("welcome-63da8ee0c037e013fd790ffd");
        assertValid(welcome);
    }

    @Test
    void gdprDeleteDeletesTheSubscriberAndNothingElseRuns() {
        Evaluation evaluation = examples.evaluate(sample("delete"), false);

        assertThat(matchedKeys(evaluation)).containsExactly("gdpr-delete-subscriber");
        assertThat(evaluation.stoppedBy()).isEqualTo("gdpr-delete-subscriber");
        ActionOutcome.NovuCall delete = onlyCall(evaluation, "gdpr-delete-subscriber");
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/v2/subscribers/63da8ee0c037e013fd790ffd");
        assertValid(delete);
    }

    @Test
    void groupAddsThePersonToTheAccountTopic() {
        ActionOutcome.NovuCall call = onlyCall(examples.evaluate(sample("group"), false), "group-topic-membership");

        assertThat(call.path()).isEqualTo("/v2/topics/account-acct-0042/subscriptions");
        assertThat(JSON.readTree(call.body()).path("subscriptions").get(0).asString())
                .isEqualTo("63da8ee0c037e013fd790ffd");
        assertValid(call);
    }

    @Test
    void messagesNoExampleIsAboutMatchNothing() {
        for (String name : List.of("page", "screen", "alias", "track-product-added")) {
            assertThat(examples.evaluate(sample(name), false).matched())
                    .as(name)
                    .isEmpty();
        }
    }

    private static ActionOutcome.NovuCall onlyCall(Evaluation evaluation, String key) {
        RuleOutcome outcome = outcome(evaluation, key);
        assertThat(outcome.actions()).hasSize(1);
        assertThat(outcome.actions().get(0)).isInstanceOf(ActionOutcome.NovuCall.class);
        return (ActionOutcome.NovuCall) outcome.actions().get(0);
    }

    private static RuleOutcome outcome(Evaluation evaluation, String key) {
        return evaluation.matched().stream()
                .filter(o -> o.ruleKey().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError(key + " did not match; matched: " + matchedKeys(evaluation)));
    }

    private static List<String> matchedKeys(Evaluation evaluation) {
        return evaluation.matched().stream().map(RuleOutcome::ruleKey).toList();
    }

    private static void assertValid(ActionOutcome.NovuCall call) {
        assertThat(NovuContract.get().violations(call.method(), call.path(), call.body()))
                .as(call.method() + " " + call.path())
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> message) {
        return (Map<String, Object>) message.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sample(String name) {
        try (var in = RulesExamplesTests.class.getResourceAsStream("/segment/" + name + ".json")) {
            return JSON.readValue(in.readAllBytes(), Map.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
