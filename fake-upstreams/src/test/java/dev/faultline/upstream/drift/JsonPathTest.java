package dev.faultline.upstream.drift;

import dev.faultline.upstream.spec.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSONPath subset drift rules name nodes with: $, .name, [N], [*], and nothing else. */
class JsonPathTest {

    @Test
    void theSubsetParsesIntoItsSteps() {
        assertThat(JsonPath.parse("$").segments()).isEmpty();
        assertThat(JsonPath.parse("$").isRoot()).isTrue();
        assertThat(JsonPath.parse("$.items[*].price").segments()).containsExactly(
                new JsonPath.Member("items"), new JsonPath.EveryElement(), new JsonPath.Member("price"));
        assertThat(JsonPath.parse("$.a[0][12].b_c-d").segments()).containsExactly(new JsonPath.Member("a"),
                new JsonPath.Element(0), new JsonPath.Element(12), new JsonPath.Member("b_c-d"));
        assertThat(JsonPath.parse("$[*]").last()).isEqualTo(new JsonPath.EveryElement());
        assertThat(JsonPath.parse("$.items[*].price")).hasToString("$.items[*].price");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            items         | 0 | a JSONPath starts with $
            $.            | 2 | a member name after '.'
            $.*           | 2 | '.*' is not in the subset (write [*]
            $..price      | 2 | '..' (recursive descent) is not in the subset
            $.items[      | 7 | '[' without ']'
            $.items[-1]   | 8 | [-1] is not in the subset
            $.items[?(@)] | 8 | [?(@)] is not in the subset
            $['a']        | 2 | ['a'] is not in the subset
            $.a b         | 3 | unexpected ' '
            """)
    void whatIsOutsideTheSubsetIsRefusedAtItsCharacter(String path, int offset, String message) {
        assertThatThrownBy(() -> JsonPath.parse(path))
                .isInstanceOf(JsonPath.Invalid.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((JsonPath.Invalid) e).offset()).isEqualTo(offset));
    }
}
