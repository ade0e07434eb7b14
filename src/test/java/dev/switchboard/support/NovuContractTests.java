package dev.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NovuContractTests {

    private final NovuContract novu = NovuContract.get();

    @Test
    void acceptsMinimalTrigger() {
        assertThat(novu.violations("POST", "/v1/events/trigger", "{\"name\":\"welcome\",\"to\":\"user-1\"}"))
                .isEmpty();
    }

    @Test
    void reportsTriggerWithoutName() {
        assertThat(novu.violations("POST", "/v1/events/trigger", "{\"to\":{\"subscriberId\":\"user-1\"}}"))
                .singleElement()
                .asString()
                .contains("name");
    }

    @Test
    void understandsNullableFields() {
        assertThat(novu.violations("POST", "/v2/subscribers", "{\"subscriberId\":\"u\",\"email\":null}"))
                .isEmpty();
        assertThat(novu.violations("POST", "/v2/subscribers", "{\"subscriberId\":\"u\",\"email\":5}"))
                .isNotEmpty();
    }

    @Test
    void matchesConcretePathsToTemplates() {
        assertThat(novu.pathTemplate("DELETE", "/v2/topics/vip/subscriptions"))
                .hasValue("/v2/topics/{topicKey}/subscriptions");
        assertThat(novu.violations("POST", "/v2/topics/vip/subscriptions", "{\"subscriptions\":[\"u\"]}"))
                .isEmpty();
        assertThat(novu.violations("DELETE", "/v1/events/trigger/sb-1", null)).isEmpty();
    }

    @Test
    void reportsUnknownOperationsAndBodiesWhereNoneBelongs() {
        assertThat(novu.violations("PUT", "/v1/events/trigger", "{}"))
                .singleElement()
                .asString()
                .contains("no operation");
        assertThat(novu.violations("DELETE", "/v2/subscribers/u", "{}"))
                .singleElement()
                .asString()
                .contains("no body");
        assertThat(novu.violations("DELETE", "/v2/topics/vip/subscriptions", null))
                .singleElement()
                .asString()
                .contains("requires a body");
    }
}
