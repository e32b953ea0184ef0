package dev.faultline.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RadixSortTest {
    @Test
    void sortsAsAComparisonSortDoesWhateverTheWidthAndOrder() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 100, 4_096, 20_000}) {
            for (long bound : new long[] {2, 70_000, 1L << 40, Long.MAX_VALUE}) {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    // Runs sorted and reversed beside random values, with many ties when the bound is small.
                    values[i] = i % 3 == 0 ? random.nextLong(bound) : i % 3 == 1 ? Math.min(bound - 1, i) : Math.max(0, bound - 1 - i);
                }
                long[] expected = values.clone();
                Arrays.sort(expected);
                RadixSort.sortNonNegative(values);
                assertThat(Arrays.equals(values, expected)).as("%d values below %d sorted", n, bound).isTrue();
            }
        }
    }

    @Test
    void refusesNegativeValues() {
        long[] values = new long[5_000];
        values[4_321] = -1;
        assertThatThrownBy(() -> RadixSort.sortNonNegative(values)).isInstanceOf(IllegalArgumentException.class);
    }
}
