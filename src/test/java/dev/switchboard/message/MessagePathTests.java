package dev.switchboard.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagePathTests {

    private final Map<String, Object> message = message();

    @Test
    void simplePathsBecomeDirectLookups() {
        assertThat(MessagePath.compile("$.properties.total")).isInstanceOf(MessagePath.Direct.class);
        assertThat(MessagePath.compile("$.context.traits['first name']")).isInstanceOf(MessagePath.Direct.class);
        assertThat(MessagePath.compile("$.properties.products[1].sku")).isInstanceOf(MessagePath.Direct.class);
        assertThat(MessagePath.compile("$.properties.products[*].sku")).isInstanceOf(MessagePath.General.class);
    }

    @Test
    void directAndGeneralPathsReadTheSameValues() {
        assertThat(MessagePath.compile("$.properties.total").read(message)).containsExactly(114.9);
        assertThat(MessagePath.compile("$['properties']['total']").read(message))
                .containsExactly(114.9);
        assertThat(MessagePath.compile("$.context.traits['first name']").read(message))
                .containsExactly("Jane");
        assertThat(MessagePath.compile("$.properties.products[1].sku").read(message))
                .containsExactly("B");
        assertThat(MessagePath.compile("$.properties.products[*].sku").read(message))
                .containsExactly("A", "B");
        assertThat(MessagePath.compile("$..sku").read(message)).containsExactly("A", "B");
        assertThat(MessagePath.compile("$.properties.products[?(@.price > 10)].sku")
                        .read(message))
                .containsExactly("A");
    }

    @Test
    void absentFieldsSelectNothingAndNullIsAValue() {
        assertThat(MessagePath.compile("$.properties.missing").read(message)).isEmpty();
        assertThat(MessagePath.compile("$.properties.total.deeper").read(message))
                .isEmpty();
        assertThat(MessagePath.compile("$.properties.products[5].sku").read(message))
                .isEmpty();
        assertThat(MessagePath.compile("$.properties.coupon").read(message)).containsExactly((Object) null);
        assertThat(MessagePath.compile("$.properties.products[*].missing").read(message))
                .isEmpty();
    }

    @Test
    void definiteOnlyWhenAtMostOneValueCanBeSelected() {
        assertThat(MessagePath.compile("$.properties.total").isDefinite()).isTrue();
        assertThat(MessagePath.compile("$.properties.products[*].sku").isDefinite())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"properties.total", "$.properties[", "$.properties.[x", "$..", "$.a[?(@.b ==]"})
    void refusesPathsThatAreNotJsonPath(String path) {
        assertThatThrownBy(() -> MessagePath.compile(path)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> message() {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("sku", "A", "price", 89.9));
        Map<String, Object> b = new LinkedHashMap<>(Map.of("sku", "B", "price", 2));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("total", 114.9);
        properties.put("coupon", null);
        properties.put("products", new ArrayList<>(Arrays.asList(a, b)));
        Map<String, Object> context = Map.of("traits", Map.of("first name", "Jane"));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("properties", properties);
        message.put("context", context);
        message.put("tags", List.of());
        return message;
    }
}
