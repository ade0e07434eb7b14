package dev.switchboard.mapping;

import static dev.switchboard.mapping.MappingFixtures.CONTEXT;
import static dev.switchboard.mapping.MappingFixtures.action;
import static dev.switchboard.mapping.MappingFixtures.body;
import static dev.switchboard.mapping.MappingFixtures.call;
import static dev.switchboard.mapping.MappingFixtures.json;
import static dev.switchboard.mapping.MappingFixtures.message;
import static dev.switchboard.mapping.MappingFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerActionTests {

    private final Map<String, Object> cart = segment("track-user-abandoned-cart");

    /** The hand-written Segment function this product replaces: workflow and recipient come from the event. */
    @Test
    void abandonedCartFunctionCase() {
        CompiledAction action = action("""
                {"type": "trigger",
                 "workflowId": {"@path": "$.properties.name"},
                 "to": {"subscriberId": {"@path": "$.properties.user.subscriberId"},
                        "email": {"@path": "$.properties.user.email"},
                        "firstName": {"@path": "$.properties.user.firstName"},
                        "lastName": {"@path": "$.properties.user.lastName"}},
                 "payload": {"cartUrl": {"@path": "$.properties.cart_url"},
                             "items": {"@arrayPath": ["$.properties.products",
                                        {"name": {"@path": "$.name"}, "price": {"@path": "$.price"}}]},
                             "greeting": {"@template": "Hi {{context.traits.firstName}}, you left something behind"},
                             "discountCode": "COMEBACK10"}}
                """);

        ActionOutcome.NovuCall call = call(action, cart);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/events/trigger");
        assertThat(call.userId()).isEqualTo("63da8ee0c037e013fd790ffd");
        assertThat(call.delay()).isNull();
        assertThat(call.body())
                .isEqualTo("{\"name\":\"abandoned-cart-recovery-workflow\","
                        + "\"to\":{\"subscriberId\":\"63da8ee0c037e013fd790ffd\",\"email\":\"hi@hi.com\","
                        + "\"firstName\":\"John\",\"lastName\":\"Doe\"},"
                        + "\"payload\":{\"cartUrl\":\"https://shop.example.com/cart/c-99120\","
                        + "\"items\":[{\"name\":\"Runner 42\",\"price\":89.9},{\"name\":\"Wool socks\",\"price\":12.5}],"
                        + "\"greeting\":\"Hi John, you left something behind\",\"discountCode\":\"COMEBACK10\"},"
                        + "\"transactionId\":\"" + call.transactionId() + "\"}");
    }

    @Test
    void toMappedAsOneObjectKeepsOnlySubscriberFieldsInNovuOrder() {
        Map<String, Object> message = message("""
                {"messageId": "m-1", "properties": {"user": {"lastName": "Doe", "subscriberId": 42,
                  "email": "hi@hi.com", "plan": "pro", "phone": null, "data": {"tier": 2}}}}
                """);
        ActionOutcome.NovuCall call = call(
                action("{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"@path\": \"$.properties.user\"}}"),
                message);
        assertThat(body(call).get("to"))
                .isEqualTo(json("{\"subscriberId\":\"42\",\"email\":\"hi@hi.com\",\"lastName\":\"Doe\","
                        + "\"data\":{\"tier\":2}}"));
    }

    @Test
    void absentOptionalFieldIsLeftOut() {
        ActionOutcome.NovuCall call = call(action("""
                        {"type": "trigger", "workflowId": "w",
                         "to": {"subscriberId": {"@path": "$.userId"}, "email": {"@path": "$.traits.email"},
                                "phone": {"@path": "$.context.traits.phone"}},
                         "payload": {"@path": "$.properties.nothing"},
                         "actor": {"@path": "$.properties.nobody"}}
                        """), cart);
        assertThat(body(call).propertyNames()).containsExactly("name", "to", "transactionId");
        assertThat(body(call).get("to").propertyNames()).containsExactly("subscriberId", "phone");
    }

    @Test
    void nullProfileFieldsAreLeftOutButNullPayloadDataIsKept() {
        Map<String, Object> message =
                message("{\"messageId\": \"m\", \"userId\": \"u\", \"traits\": {\"email\": null, \"note\": null}}");
        ActionOutcome.NovuCall call = call(action("""
                        {"type": "trigger", "workflowId": "w",
                         "to": {"subscriberId": {"@path": "$.userId"}, "email": {"@path": "$.traits.email"}},
                         "payload": {"note": {"@path": "$.traits.note"}}}
                        """), message);
        assertThat(call.body()).contains("\"to\":{\"subscriberId\":\"u\"}", "\"payload\":{\"note\":null}");
    }

    @Test
    void actorAndTenantAcceptIdsOrObjects() {
        ActionOutcome.NovuCall call = call(action("""
                        {"type": "trigger", "workflowId": "w", "to": {"subscriberId": "u"},
                         "actor": {"@path": "$.properties.user"}, "tenant": "shop-de",
                         "overrides": {"severity": "high"}}
                        """), cart);
        assertThat(body(call).propertyNames())
                .containsExactly("name", "to", "overrides", "actor", "tenant", "transactionId");
        assertThat(body(call).get("actor").get("subscriberId").stringValue()).isEqualTo("63da8ee0c037e013fd790ffd");
        assertThat(body(call).get("tenant").stringValue()).isEqualTo("shop-de");
    }

    @Test
    void requiredFieldMappedToNothingIsInvalidWithFieldAndReason() {
        CompiledAction action = action(
                "{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": {\"@path\": \"$.userId\"}}}");
        assertThat(action.render(message("{\"messageId\": \"m\"}"), CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.TRIGGER, "to.subscriberId", "$.userId is not present in the message"));
    }

    @Test
    void requiredFieldOfTheWrongTypeIsInvalid() {
        CompiledAction action = action(
                "{\"type\": \"trigger\", \"workflowId\": {\"@path\": \"$.properties.products\"}, \"to\": {\"subscriberId\": \"u\"}}");
        assertThat(action.render(cart, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.TRIGGER, "workflowId", "$.properties.products is an array, expected a string"));
        CompiledAction objectId = action(
                "{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": {\"@path\": \"$.properties.user\"}}}");
        assertThat(objectId.render(cart, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.TRIGGER, "to.subscriberId", "$.properties.user is an object, expected a string"));
    }

    @Test
    void optionalFieldOfTheWrongTypeIsInvalidRatherThanRejectedByNovu() {
        CompiledAction action = action(
                "{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": \"u\"}, \"payload\": {\"@path\": \"$.event\"}}");
        assertThat(action.render(cart, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.TRIGGER, "payload", "$.event is a string, expected an object"));
    }

    @Test
    void toMappedToSomethingElseThanAnObjectIsInvalid() {
        CompiledAction action =
                action("{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"@path\": \"$.userId\"}}");
        assertThat(action.render(cart, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.TRIGGER, "to", "$.userId is a string, expected an object with subscriberId"));
        assertThat(action("{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"@path\": \"$.properties\"}}")
                        .render(cart, CONTEXT))
                .isEqualTo(new ActionOutcome.Invalid(
                        ActionType.TRIGGER, "to.subscriberId", "there is no subscriberId in $.properties"));
    }

    @Test
    void numericIdsAreRenderedWithoutFraction() {
        Map<String, Object> message = message("{\"messageId\": \"m\", \"userId\": 42.0, \"wf\": 7}");
        ActionOutcome.NovuCall call = call(
                action(
                        "{\"type\": \"trigger\", \"workflowId\": {\"@path\": \"$.wf\"}, \"to\": {\"subscriberId\": {\"@path\": \"$.userId\"}}}"),
                message);
        assertThat(call.body()).startsWith("{\"name\":\"7\",\"to\":{\"subscriberId\":\"42\"}");
    }

    @Test
    void mappedTransactionIdIsUsedAsGiven() {
        ActionOutcome.NovuCall call = call(action("""
                        {"type": "trigger", "workflowId": "w", "to": {"subscriberId": "u"},
                         "transactionId": {"@template": "order-{{properties.cart_id}}"}}
                        """), cart);
        assertThat(call.transactionId()).isEqualTo("order-c-99120");
        assertThat(body(call).get("transactionId").stringValue()).isEqualTo("order-c-99120");
    }

    @Test
    void derivedTransactionIdIsInTheBodyAndTheCall() {
        ActionOutcome.NovuCall call =
                call(action("{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": \"u\"}}"), cart);
        assertThat(call.transactionId()).matches("sb-[0-9a-f]{32}");
        assertThat(body(call).get("transactionId").stringValue()).isEqualTo(call.transactionId());
        assertThat(call.idempotencyKey()).matches("sb-trigger-[0-9a-f]{32}");
    }

    @Test
    void repeatedRendersGiveByteIdenticalBodies() {
        CompiledAction action = action("""
                {"type": "trigger", "workflowId": {"@path": "$.properties.name"}, "to": {"@path": "$.properties.user"},
                 "payload": {"@path": "$.properties"}}
                """);
        ActionOutcome first = action.render(cart, CONTEXT);
        ActionOutcome second = action.render(segment("track-user-abandoned-cart"), CONTEXT);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void delayIsParsedFromALiteralOrTheMessage() {
        assertThat(call(
                                action(
                                        "{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": \"u\"}, \"delay\": \"PT2H\"}"),
                                cart)
                        .delay())
                .isEqualTo(Duration.ofHours(2));
        CompiledAction mapped = action(
                "{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": \"u\"}, \"delay\": {\"@path\": \"$.properties.wait\"}}");
        assertThat(call(mapped, message("{\"messageId\": \"m\", \"properties\": {\"wait\": \"P1D\"}}"))
                        .delay())
                .isEqualTo(Duration.ofDays(1));
        assertThat(call(mapped, cart).delay()).isNull();
        assertThat(mapped.render(message("{\"messageId\": \"m\", \"properties\": {\"wait\": \"2 days\"}}"), CONTEXT))
                .isInstanceOfSatisfying(ActionOutcome.Invalid.class, invalid -> {
                    assertThat(invalid.field()).isEqualTo("delay");
                    assertThat(invalid.reason()).contains("\"2 days\"", "ISO-8601");
                });
    }

    @Test
    void messageWithoutMessageIdIsInvalidBecauseNoRepeatSafeIdExists() {
        CompiledAction action =
                action("{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": \"u\"}}");
        assertThat(action.render(message("{\"userId\": \"u\"}"), CONTEXT))
                .isInstanceOfSatisfying(
                        ActionOutcome.Invalid.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("messageId"));
    }
}
