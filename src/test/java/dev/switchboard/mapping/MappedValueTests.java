package dev.switchboard.mapping;

import static dev.switchboard.mapping.MappingFixtures.json;
import static dev.switchboard.mapping.MappingFixtures.message;
import static dev.switchboard.mapping.MappingFixtures.resolve;
import static dev.switchboard.mapping.MappingFixtures.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappedValueTests {

    private final Map<String, Object> cart = segment("track-user-abandoned-cart");

    @Test
    void literalIsItself() {
        assertThat(resolve("\"COMEBACK10\"", cart)).isEqualTo("COMEBACK10");
        assertThat(resolve("10", cart)).isEqualTo(10);
        assertThat(resolve("true", cart)).isEqualTo(true);
        assertThat(resolve("null", cart)).isNull();
    }

    @Test
    void objectsAndArraysAreMappedMemberByMember() {
        Object value = resolve("""
                {"code": "X", "user": {"id": {"@path": "$.userId"}}, "tags": ["a", {"@path": "$.event"}]}
                """, cart);
        assertThat(value)
                .isEqualTo(Map.of(
                        "code",
                        "X",
                        "user",
                        Map.of("id", "63da8ee0c037e013fd790ffd"),
                        "tags",
                        List.of("a", "User Abandoned Cart")));
    }

    @Test
    void pathReadsTheMessage() {
        assertThat(resolve("{\"@path\": \"$.properties.cart_total\"}", cart)).isEqualTo(114.9);
        assertThat(resolve("{\"@path\": \"$.context.traits.email\"}", cart)).isEqualTo("hi@hi.com");
    }

    @Test
    void absentPathIsAbsentAndNullIsNull() {
        assertThat(resolve("{\"@path\": \"$.properties.nope\"}", cart)).isSameAs(MappedValue.ABSENT);
        assertThat(resolve("{\"@path\": \"$.email\"}", message("{\"email\": null}")))
                .isNull();
    }

    @Test
    void wildcardPathGivesTheArrayOfWhatItSelects() {
        assertThat(resolve("{\"@path\": \"$.properties.products[*].sku\"}", cart))
                .isEqualTo(List.of("SNK-42-BLK", "SCK-7"));
        assertThat(resolve("{\"@path\": \"$.properties.nothing[*].sku\"}", cart))
                .isSameAs(MappedValue.ABSENT);
    }

    @Test
    void absentMembersAreLeftOutAndAbsentElementsDropped() {
        Object value = resolve("{\"a\": {\"@path\": \"$.nope\"}, \"b\": [1, {\"@path\": \"$.nope\"}, 3]}", cart);
        assertThat(value).isEqualTo(Map.of("b", List.of(1, 3)));
    }

    @Test
    void literalDirectiveKeepsDirectivesAsText() {
        assertThat(resolve("{\"@literal\": {\"@path\": \"$.userId\", \"n\": [1]}}", cart))
                .isEqualTo(Map.of("@path", "$.userId", "n", List.of(1)));
    }

    @Test
    void templateFillsDottedPaths() {
        assertThat(resolve("{\"@template\": \"Hi {{context.traits.firstName}}, {{ properties.cart_id }}\"}", cart))
                .isEqualTo("Hi John, c-99120");
    }

    @Test
    void templateReadsAbsentAsEmptyAndNumbersWithoutTrailingZero() {
        Map<String, Object> message = message("""
                {"n": 3.0, "d": 114.9, "i": 7, "big": 12345678901, "none": null, "list": [{"x": "first"}]}
                """);
        assertThat(resolve(
                        "{\"@template\": \"{{n}}|{{d}}|{{i}}|{{big}}|{{none}}|{{nope.deeper}}|{{list.0.x}}\"}",
                        message))
                .isEqualTo("3|114.9|7|12345678901|||first");
    }

    @Test
    void ifChoosesThenWhenTheValueExists() {
        String mapped = """
                {"@if": {"exists": {"@path": "$.context.traits.firstName"}},
                 "then": {"@template": "Hi {{context.traits.firstName}}"},
                 "else": "Hi there"}
                """;
        assertThat(resolve(mapped, cart)).isEqualTo("Hi John");
        assertThat(resolve(mapped, message("{\"context\": {\"traits\": {\"firstName\": null}}}")))
                .isEqualTo("Hi there");
    }

    @Test
    void ifWithoutElseIsAbsentWhenTheValueIsMissing() {
        assertThat(resolve("{\"@if\": {\"exists\": {\"@path\": \"$.nope\"}}, \"then\": 1}", cart))
                .isSameAs(MappedValue.ABSENT);
    }

    @Test
    void ifNestsInsideAPayload() {
        Object value = resolve("""
                {"discount": {"@if": {"exists": {"@path": "$.properties.coupon"}},
                              "then": {"@path": "$.properties.coupon"}, "else": "COMEBACK10"}}
                """, cart);
        assertThat(value).isEqualTo(Map.of("discount", "COMEBACK10"));
    }

    @Test
    void arrayPathReshapesEachElementRelativeToIt() {
        Object value = resolve("""
                {"@arrayPath": ["$.properties.products",
                  {"name": {"@path": "$.name"}, "price": {"@path": "$.price"},
                   "image": {"@path": "$.image_url"}, "label": {"@template": "{{quantity}} x {{name}}"}}]}
                """, cart);
        assertThat(value)
                .isEqualTo(List.of(
                        Map.of(
                                "name",
                                "Runner 42",
                                "price",
                                89.9,
                                "image",
                                "https://cdn.example.com/sneaker-42.jpg",
                                "label",
                                "1 x Runner 42"),
                        Map.of("name", "Wool socks", "price", 12.5, "label", "2 x Wool socks")));
    }

    @Test
    void arrayPathWithoutShapeGivesTheElementsAsTheyAre() {
        Object value = resolve("{\"@arrayPath\": [\"$.properties.products\"]}", cart);
        assertThat(value).isEqualTo(((Map<?, ?>) cart.get("properties")).get("products"));
    }

    @Test
    void arrayPathDropsElementsWhoseShapeGivesNothingAndIsAbsentWithoutAnArray() {
        assertThat(resolve("{\"@arrayPath\": [\"$.properties.products\", {\"@path\": \"$.image_url\"}]}", cart))
                .isEqualTo(List.of("https://cdn.example.com/sneaker-42.jpg"));
        assertThat(resolve("{\"@arrayPath\": [\"$.properties.cart_id\"]}", cart))
                .isSameAs(MappedValue.ABSENT);
        assertThat(resolve("{\"@arrayPath\": [\"$.properties.nope\"]}", cart)).isSameAs(MappedValue.ABSENT);
    }

    @Test
    void reportsEveryDirectiveProblemWithItsLocation() {
        List<MappingProblem> problems = new ArrayList<>();
        new MappedValueCompiler(problems).compile(json("""
                                {"a": {"@pth": "$.x"},
                                 "b": {"@path": "$.x", "default": 1},
                                 "c": {"@path": "properties.x"},
                                 "d": {"@template": "Hi {{name"},
                                 "e": {"@if": {"present": 1}},
                                 "f": {"@arrayPath": []},
                                 "g": [{"@path": "$.x", "@template": "y"}]}
                                """), "payload");
        assertThat(problems)
                .extracting(MappingProblem::location)
                .containsExactly(
                        "payload.a.@pth",
                        "payload.b.default",
                        "payload.c.@path",
                        "payload.d.@template",
                        "payload.e.@if",
                        "payload.e.then",
                        "payload.f.@arrayPath",
                        "payload.g[0]");
        assertThat(problems.get(0).message()).contains("@path", "@template", "@literal", "@if", "@arrayPath");
    }

    @Test
    void resolvingIsRepeatable() {
        String mapped = "{\"items\": {\"@arrayPath\": [\"$.properties.products\", {\"sku\": {\"@path\": \"$.sku\"}}]}}";
        assertThat(resolve(mapped, cart)).isEqualTo(resolve(mapped, cart));
    }
}
