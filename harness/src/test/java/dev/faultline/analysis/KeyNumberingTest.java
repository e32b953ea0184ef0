package dev.faultline.analysis;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class KeyNumberingTest {

    @Test
    void numbersKeysInTheOrderFirstSeenAndGivesARepeatedKeyItsNumber() {
        KeyNumbering numbering = new KeyNumbering(2);
        assertThat(numbering.numberOf("b")).isZero();
        assertThat(numbering.numberOf("a")).isEqualTo(1);
        assertThat(numbering.numberOf(new String("b"))).isZero();
        assertThat(numbering.size()).isEqualTo(2);
        assertThat(numbering.key(1)).isEqualTo("a");
    }

    @Test
    void keysWithTheSameHashStayApart() {
        // "Aa" and "BB" have the same String hash code, so they land on the same slot.
        KeyNumbering numbering = new KeyNumbering(4);
        assertThat(numbering.numberOf("Aa")).isZero();
        assertThat(numbering.numberOf("BB")).isEqualTo(1);
        assertThat(numbering.numberOf("Aa")).isZero();
        assertThat(numbering.numberOf("BB")).isEqualTo(1);
    }

    @Test
    void agreesWithAMapWellPastItsExpectedSize() {
        KeyNumbering numbering = new KeyNumbering(16);
        Map<String, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            String key = "id-" + random.nextInt(20_000);
            int number = numbering.numberOf(key);
            Integer known = expected.putIfAbsent(key, expected.size());
            assertThat(number).isEqualTo(known == null ? expected.size() - 1 : known);
        }
        assertThat(numbering.size()).isEqualTo(expected.size());
        expected.forEach((key, number) -> assertThat(numbering.key(number)).isEqualTo(key));
    }
}
