package dev.switchboard.mapping;

import static dev.switchboard.mapping.MappingFixtures.CONTEXT;
import static dev.switchboard.mapping.MappingFixtures.action;
import static dev.switchboard.mapping.MappingFixtures.call;
import static dev.switchboard.mapping.MappingFixtures.message;
import static dev.switchboard.mapping.MappingFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriberAndTopicActionTests {

    private final Map<String, Object> identify = segment("identify");

    @Test
    void identifyUpsertsTheSubscriberWithProfileAndData() {
        ActionOutcome.NovuCall call = call(action("""
                        {"type": "identify", "subscriberId": {"@path": "$.userId"},
                         "firstName": {"@path": "$.traits.firstName"}, "email": {"@path": "$.traits.email"},
                         "phone": {"@path": "$.traits.phone"}, "avatar": {"@path": "$.traits.avatar"},
                         "locale": {"@path": "$.context.locale"}, "timezone": {"@path": "$.context.timezone"},
                         "data": {"plan": {"@path": "$.traits.plan"}, "city": {"@path": "$.traits.address.city"}}}
                        """), identify);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v2/subscribers");
        assertThat(call.body())
                .isEqualTo("{\"subscriberId\":\"63da8ee0c037e013fd790ffd\",\"email\":\"hi@hi.com\","
                        + "\"phone\":\"+4915112345678\",\"firstName\":\"John\",\"locale\":\"en-US\","
                        + "\"timezone\":\"Europe/Berlin\",\"data\":{\"plan\":\"pro\",\"city\":\"Berlin\"}}");
        assertThat(call.idempotencyKey()).startsWith("sb-identify-");
    }

    @Test
    void identifyWithoutSubscriberIdIsInvalid() {
        CompiledAction action = action("{\"type\": \"identify\", \"subscriberId\": {\"@path\": \"$.userId\"}}");
        assertThat(action.render(message("{\"messageId\": \"m\", \"userId\": null}"), CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(ActionType.IDENTIFY, "subscriberId", "$.userId is null"));
        assertThat(action.render(message("{\"messageId\": \"m\", \"userId\": \"\"}"), CONTEXT))
                .isEqualTo(
                        new ActionOutcome.Invalid(ActionType.IDENTIFY, "subscriberId", "$.userId is an empty string"));
    }

    @Test
    void identifyProfileFieldOfTheWrongTypeIsInvalid() {
        CompiledAction action = action(
                "{\"type\": \"identify\", \"subscriberId\": \"u\", \"email\": {\"@path\": \"$.traits.address\"}}");
        assertThat(action.render(identify, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.IDENTIFY, "email", "$.traits.address is an object, expected a string"));
    }

    @Test
    void deleteSubscriberEncodesTheIdIntoThePath() {
        ActionOutcome.NovuCall call = call(
                action("{\"type\": \"delete_subscriber\", \"subscriberId\": {\"@path\": \"$.userId\"}}"),
                message("{\"messageId\": \"m\", \"userId\": \"a/b c+ü\"}"));
        assertThat(call.method()).isEqualTo("DELETE");
        assertThat(call.path()).isEqualTo("/v2/subscribers/a%2Fb%20c%2B%C3%BC");
        assertThat(call.body()).isNull();
    }

    @Test
    void addAndRemoveFromTopicSendTheSubscriberAsASubscription() {
        String rule = "{\"type\": \"%s\", \"topicKey\": {\"@template\": \"plan-{{traits.plan}}\"},"
                + " \"subscriberId\": {\"@path\": \"$.userId\"}}";
        ActionOutcome.NovuCall add = call(action(rule.formatted("add_to_topic")), identify);
        ActionOutcome.NovuCall remove = call(action(rule.formatted("remove_from_topic")), identify);

        assertThat(add.method()).isEqualTo("POST");
        assertThat(remove.method()).isEqualTo("DELETE");
        assertThat(add.path()).isEqualTo("/v2/topics/plan-pro/subscriptions").isEqualTo(remove.path());
        assertThat(add.body())
                .isEqualTo("{\"subscriptions\":[\"63da8ee0c037e013fd790ffd\"]}")
                .isEqualTo(remove.body());
        assertThat(add.idempotencyKey()).isNotEqualTo(remove.idempotencyKey());
    }

    @Test
    void topicWithoutKeyIsInvalid() {
        CompiledAction action = action(
                "{\"type\": \"add_to_topic\", \"topicKey\": {\"@path\": \"$.traits.team\"}, \"subscriberId\": \"u\"}");
        assertThat(action.render(identify, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.ADD_TO_TOPIC, "topicKey", "$.traits.team is not present in the message"));
    }

    @Test
    void cancelByTransactionIdDeletesThatTransaction() {
        ActionOutcome.NovuCall call = call(
                action("{\"type\": \"cancel\", \"transactionId\": {\"@template\": \"order-{{properties.order_id}}\"}}"),
                message("{\"messageId\": \"m\", \"properties\": {\"order_id\": 991}}"));
        assertThat(call.type()).isEqualTo(ActionType.CANCEL);
        assertThat(call.method()).isEqualTo("DELETE");
        assertThat(call.path()).isEqualTo("/v1/events/trigger/order-991");
        assertThat(call.transactionId()).isEqualTo("order-991");
        assertThat(call.body()).isNull();
    }

    @Test
    void cancelByRuleNamesTheRuleTheWindowAndTheUser() {
        CompiledAction action = action(
                "{\"type\": \"cancel\", \"rule\": \"abandoned-cart-recovery\", \"within\": \"PT2H\", \"delay\": \"PT1M\"}");
        assertThat(action.render(segment("track-order-completed"), CONTEXT))
                .isEqualTo(new ActionOutcome.CancelByRule(
                        "abandoned-cart-recovery",
                        Duration.ofHours(2),
                        (String) segment("track-order-completed").get("userId"),
                        Duration.ofMinutes(1)));
    }

    @Test
    void cancelByRuleWithAMappedWindowThatIsMissingIsInvalid() {
        CompiledAction action = action(
                "{\"type\": \"cancel\", \"rule\": \"abandoned-cart-recovery\", \"within\": {\"@path\": \"$.properties.window\"}}");
        assertThat(action.render(identify, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.CANCEL, "within", "$.properties.window is not present in the message"));
    }
}
