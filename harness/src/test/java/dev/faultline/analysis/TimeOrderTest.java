package dev.faultline.analysis;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderTest {
    /** An element with a time and its place in the input, to see that ties keep their order. */
    private record Stamp(long at, int place) {
    }

    private static List<Stamp> stamps(int n, long span, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Stamp> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Stamp(random.nextLong(span), i));
        }
        return list;
    }

    private static List<Stamp> byComparator(List<Stamp> list) {
        List<Stamp> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Stamp::at));
        return sorted;
    }

    @Test
    void sortsByTimeAndKeepsEqualTimesInTheirOrder() {
        // 100,000 elements over 1,000 distinct times: many ties, each of which must stay in input order.
        List<Stamp> list = stamps(100_000, 1_000, 1);
        List<Stamp> expected = byComparator(list);

        TimeOrder.sort(list, Stamp::at);

        assertThat(list).isEqualTo(expected);
    }

    @Test
    void timesFarApartOrSentinelsFallBackToTheComparatorSort() {
        List<Stamp> list = stamps(1_000, 1_000_000_000L, 2);
        list.add(new Stamp(Long.MAX_VALUE, 1_000));
        list.add(new Stamp(Long.MIN_VALUE, 1_001));
        list.add(new Stamp(-1, 1_002));
        List<Stamp> expected = byComparator(list);

        TimeOrder.sort(list, Stamp::at);

        assertThat(list).isEqualTo(expected);
        assertThat(list.get(0).place()).isEqualTo(1_001);
        assertThat(list.get(list.size() - 1).place()).isEqualTo(1_000);
    }

    @Test
    void aRunOfHoursInNanosecondsStillSortsExactly() {
        // Three hours of nanoseconds with 1,000 elements leaves room for the index beside the time.
        List<Stamp> list = stamps(1_000, 3 * 3_600_000_000_000L, 3);
        List<Stamp> expected = byComparator(list);

        TimeOrder.sort(list, Stamp::at);

        assertThat(list).isEqualTo(expected);
    }

    @Test
    void emptyAndSingleListsAreLeftAlone() {
        List<Stamp> empty = new ArrayList<>();
        List<Stamp> one = new ArrayList<>(List.of(new Stamp(5, 0)));

        TimeOrder.sort(empty, Stamp::at);
        TimeOrder.sort(one, Stamp::at);

        assertThat(empty).isEmpty();
        assertThat(one).containsExactly(new Stamp(5, 0));
    }

    @Test
    void orderGivesTheIndexesInTheOrderSortPutsTheElements() {
        SplittableRandom random = new SplittableRandom(3);
        for (long spread : new long[] {1_000, 10_000_000_000L, Long.MAX_VALUE / 2}) {
            long[] times = new long[5_000];
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < times.length; i++) {
                // Few distinct values, so that many times are equal and stability shows.
                times[i] = spread * random.nextInt(50) - (spread == Long.MAX_VALUE / 2 ? spread * 25 : 0);
                indexes.add(i);
            }
            TimeOrder.sort(indexes, i -> times[i]);
            assertThat(TimeOrder.order(times)).containsExactly(indexes.stream().mapToInt(Integer::intValue).toArray());
        }
        assertThat(TimeOrder.order(new long[] {5, 5, 7})).containsExactly(0, 1, 2);
        assertThat(TimeOrder.order(new long[0])).isEmpty();
    }
}
