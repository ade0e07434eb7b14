package dev.switchboard.mapping;

import static dev.switchboard.mapping.MappingFixtures.action;
import static dev.switchboard.mapping.MappingFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryIdsTests {

    private static final ActionContext RULE = new ActionContext("abandoned-cart-recovery", 0);

    @Test
    void sameDeliveryGivesTheSameIds() {
        assertThat(DeliveryIds.derive("m-1", RULE, ActionType.TRIGGER))
                .isEqualTo(
                        DeliveryIds.derive("m-1", new ActionContext("abandoned-cart-recovery", 0), ActionType.TRIGGER));
    }

    @Test
    void idsAreStableAcrossReleases() {
        // Changing the derivation would make every in-flight retry look new to Novu: pin it.
        DeliveryIds ids = DeliveryIds.derive("m-1", RULE, ActionType.TRIGGER);
        // The two halves of sha256("m-1\nabandoned-cart-recovery\n0"), computed outside Java.
        assertThat(ids.transactionId()).isEqualTo("sb-95abe98d3ee5c6ef8bad92d05e2c1eaa");
        assertThat(ids.idempotencyKey()).isEqualTo("sb-trigger-4097ec2366bae47e64c5eff18151ef4b");
    }

    @Test
    void anotherMessageRuleOrPositionGivesOtherIds() {
        Set<String> transactionIds = Set.of(
                DeliveryIds.derive("m-1", RULE, ActionType.TRIGGER).transactionId(),
                DeliveryIds.derive("m-2", RULE, ActionType.TRIGGER).transactionId(),
                DeliveryIds.derive("m-1", new ActionContext("other-rule", 0), ActionType.TRIGGER)
                        .transactionId(),
                DeliveryIds.derive("m-1", new ActionContext("abandoned-cart-recovery", 1), ActionType.TRIGGER)
                        .transactionId());
        assertThat(transactionIds).hasSize(4);
    }

    @Test
    void inputsCannotRunIntoEachOther() {
        assertThat(DeliveryIds.derive("m-1", new ActionContext("r", 12), ActionType.TRIGGER))
                .isNotEqualTo(DeliveryIds.derive("m-11", new ActionContext("r", 2), ActionType.TRIGGER));
    }

    @Test
    void idempotencyKeyDependsOnTheActionTypeAndFitsNovusLimit() {
        DeliveryIds trigger = DeliveryIds.derive("m-1", RULE, ActionType.TRIGGER);
        DeliveryIds identify = DeliveryIds.derive("m-1", RULE, ActionType.IDENTIFY);
        assertThat(trigger.transactionId()).isEqualTo(identify.transactionId());
        assertThat(trigger.idempotencyKey()).isNotEqualTo(identify.idempotencyKey());
        assertThat(DeliveryIds.derive(
                                "m".repeat(10_000), new ActionContext("r".repeat(63), 99), ActionType.REMOVE_FROM_TOPIC)
                        .idempotencyKey())
                .hasSizeLessThanOrEqualTo(255);
    }

    @Test
    void renderedCallsCarryTheDerivedIds() {
        CompiledAction action =
                action("{\"type\": \"trigger\", \"workflowId\": \"w\", \"to\": {\"subscriberId\": \"u\"}}");
        ActionOutcome.NovuCall call = (ActionOutcome.NovuCall) action.render(message("{\"messageId\": \"m-1\"}"), RULE);
        DeliveryIds ids = DeliveryIds.derive("m-1", RULE, ActionType.TRIGGER);
        assertThat(call.transactionId()).isEqualTo(ids.transactionId());
        assertThat(call.idempotencyKey()).isEqualTo(ids.idempotencyKey());
    }
}
