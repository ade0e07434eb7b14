package dev.switchboard.mapping;

import static dev.switchboard.mapping.MappingFixtures.CONTEXT;
import static dev.switchboard.mapping.MappingFixtures.JSON;
import static dev.switchboard.mapping.MappingFixtures.action;
import static dev.switchboard.mapping.MappingFixtures.call;
import static dev.switchboard.mapping.MappingFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.NovuContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** Whatever the actions make of a real Segment message, Novu's OpenAPI description must accept it. */
class NovuRequestContractTests {

    private static final List<CompiledAction> ACTIONS = List.of(
            action("""
                    {"type": "trigger",
                     "workflowId": {"@template": "segment-{{type}}"},
                     "to": {"subscriberId": {"@path": "$.userId"},
                            "email": {"@path": "$.context.traits.email"},
                            "phone": {"@path": "$.context.traits.phone"},
                            "firstName": {"@path": "$.context.traits.firstName"},
                            "lastName": {"@path": "$.traits.lastName"},
                            "avatar": {"@path": "$.traits.avatar"},
                            "locale": {"@path": "$.context.locale"},
                            "timezone": {"@path": "$.context.timezone"},
                            "data": {"anonymousId": {"@path": "$.anonymousId"}}},
                     "payload": {"event": {"@path": "$.event"}, "properties": {"@path": "$.properties"},
                                 "traits": {"@path": "$.traits"},
                                 "items": {"@arrayPath": ["$.properties.products", {"sku": {"@path": "$.sku"}}]},
                                 "greeting": {"@template": "Hi {{context.traits.firstName}}"}},
                     "overrides": {"channels": {"email": {"layoutId": "promotional"}}},
                     "actor": {"@path": "$.userId"},
                     "tenant": {"identifier": "shop-de", "name": "Shop DE", "data": {"region": "eu"}},
                     "delay": "PT2H"}
                    """),
            action("""
                    {"type": "trigger", "workflowId": {"@path": "$.properties.name"},
                     "to": {"@path": "$.properties.user"}, "actor": {"@path": "$.properties.user"},
                     "transactionId": {"@template": "cart-{{properties.cart_id}}"}}
                    """),
            action("""
                    {"type": "identify", "subscriberId": {"@path": "$.userId"},
                     "email": {"@path": "$.traits.email"}, "phone": {"@path": "$.traits.phone"},
                     "firstName": {"@path": "$.traits.firstName"}, "lastName": {"@path": "$.traits.lastName"},
                     "avatar": {"@path": "$.traits.avatar"}, "locale": {"@path": "$.context.locale"},
                     "timezone": {"@path": "$.context.timezone"}, "data": {"@path": "$.traits"}}
                    """),
            action("{\"type\": \"delete_subscriber\", \"subscriberId\": {\"@path\": \"$.userId\"}}"),
            action(
                    "{\"type\": \"add_to_topic\", \"topicKey\": \"newsletter\", \"subscriberId\": {\"@path\": \"$.userId\"}}"),
            action("{\"type\": \"remove_from_topic\", \"topicKey\": {\"@template\": \"plan {{traits.plan}}\"},"
                    + " \"subscriberId\": {\"@path\": \"$.userId\"}}"),
            action("{\"type\": \"cancel\", \"transactionId\": {\"@template\": \"sb-{{messageId}}\"}}"));

    private final NovuContract novu = NovuContract.get();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alias",
                "delete",
                "group",
                "identify",
                "page",
                "screen",
                "track-audience-entered",
                "track-checkout-started",
                "track-order-completed",
                "track-product-added",
                "track-product-viewed",
                "track-user-abandoned-cart"
            })
    void everyCallFromASampleMessageIsValidForNovu(String sample) {
        Map<String, Object> message = segment(sample);
        List<String> violations = new ArrayList<>();
        int calls = 0;
        for (CompiledAction action : ACTIONS) {
            if (action.render(message, CONTEXT) instanceof ActionOutcome.NovuCall call) {
                calls++;
                violations.addAll(novu.violations(call.method(), call.path(), call.body()));
            }
        }
        assertThat(violations).isEmpty();
        assertThat(calls).isGreaterThanOrEqualTo(ACTIONS.size() - 1);
    }

    @Test
    void abandonedCartTriggerWithRecipientObjectIsValid() {
        ActionOutcome.NovuCall call = call(ACTIONS.get(1), segment("track-user-abandoned-cart"));
        assertThat(call.transactionId()).isEqualTo("cart-c-99120");
        assertThat(novu.violations(call.method(), call.path(), call.body())).isEmpty();
    }

    @Test
    void triggerWithoutNameIsReported() {
        ActionOutcome.NovuCall call = call(ACTIONS.get(0), segment("track-user-abandoned-cart"));
        ObjectNode body = (ObjectNode) JSON.readTree(call.body());
        body.remove("name");
        assertThat(novu.violations(call.method(), call.path(), JSON.writeValueAsString(body)))
                .singleElement()
                .asString()
                .contains("name");
    }

    @Test
    void subscriberWithoutIdIsReported() {
        ActionOutcome.NovuCall call = call(ACTIONS.get(2), segment("identify"));
        ObjectNode body = (ObjectNode) JSON.readTree(call.body());
        body.remove("subscriberId");
        assertThat(novu.violations(call.method(), call.path(), JSON.writeValueAsString(body)))
                .isNotEmpty();
    }
}
