package dev.faultline.analysis;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class PercentileTest {

    // 1..200 ms plus an odd tail: values an HdrHistogram at 3 significant digits in microseconds rounded up
    // (the exact p99 here is 1,010,500,123 ns).
    private static final long[] LATENCIES = LongStream.concat(LongStream.rangeClosed(1, 197).map(i -> i * 1_000_037L),
            LongStream.of(1_010_500_123L, 1_010_500_124L, 2_345_678_901L)).toArray();

    private static Event delayed(long latenessNanos) {
        return new UpstreamRequest(0, 1, "api", 0, 1, "GET", "/", null, null, null, "slow/api[0]", "delay", 200, 2,
                1_500_000_000L, 1_500_000_000L + latenessNanos, null, UpstreamRequest.Outcome.COMPLETED);
    }

    @Test
    void theNearestRankIsTheValueAtRankCeilingOfPTimesN() {
        long[] ten = LongStream.rangeClosed(1, 10).toArray();
        assertThat(Percentile.nearestRank(ten, 0.50)).isEqualTo(5);
        assertThat(Percentile.nearestRank(ten, 0.90)).isEqualTo(9);
        assertThat(Percentile.nearestRank(ten, 0.99)).isEqualTo(10);
        assertThat(Percentile.nearestRank(ten, 0)).isEqualTo(1);
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Percentile.nearestRank(hundred, 0.07)).as("0.07 × 100 is 7.000000000000001 in floating point").isEqualTo(7);
        assertThat(Percentile.nearestRank(hundred, 0.99)).isEqualTo(99);
    }

    @Test
    void everyPathThatComputesAPercentileGivesTheSameAnswerForTheSameData() {
        long p50 = Percentile.nearestRank(LATENCIES, 0.50);
        long p99 = Percentile.nearestRank(LATENCIES, 0.99);
        assertThat(p50).isEqualTo(100 * 1_000_037L);
        assertThat(p99).isEqualTo(1_010_500_123L);

        LoadStats.Percentiles load = LoadStats.Percentiles.of(LATENCIES);
        assertThat(load.p50Nanos()).isEqualTo(p50);
        assertThat(load.p99Nanos()).isEqualTo(p99);
        assertThat(load.maxNanos()).isEqualTo(2_345_678_901L);

        List<Event> events = new ArrayList<>();
        for (long l : LATENCIES) {
            events.add(delayed(l));
        }
        DelayLateness lateness = DelayLateness.of(events);
        assertThat(lateness.p50Nanos()).isEqualTo(p50);
        assertThat(lateness.p99Nanos()).isEqualTo(p99);
        assertThat(lateness.maxNanos()).isEqualTo(2_345_678_901L);
    }

    @Test
    void aRetryGapOrOversleepPercentileIsAValueThatHappenedNeverAnInterpolation() {
        double[] gaps = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 10.0};

        assertThat(Percentile.nearestRank(gaps, 0.5)).isEqualTo(0.5);
        assertThat(Percentile.nearestRank(gaps, 0.9)).as("interpolating would give 1.81").isEqualTo(0.9);
        assertThat(Percentile.nearestRank(gaps, 0.25)).isEqualTo(0.3);
        assertThat(Percentile.nearestRank(new double[] {7.0}, 0.9)).isEqualTo(7.0);
        assertThat(Percentile.interpolated(gaps, 0.9)).as("the spread estimator, never a reported percentile")
                .isCloseTo(1.81, org.assertj.core.data.Offset.offset(1e-9));
        long[] oversleeps = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        assertThat(Percentile.nearestRank(oversleeps, 0.9)).isEqualTo(9);
    }

    @Test
    void selectingGivesTheInterpolatedQuantileOfTheSortedValuesBitForBit() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int length : new int[] {1, 2, 3, 5, 64, 1_001, 20_000}) {
            // Ties, sorted runs and reversed runs beside random values, and a tail the selection must ignore.
            double[] values = new double[length + 7];
            for (int i = 0; i < values.length; i++) {
                int kind = random.nextInt(4);
                values[i] = kind == 0 ? Math.round(random.nextGaussian() * 3) / 10.0
                        : kind == 1 ? i * 0.001 : kind == 2 ? -i * 0.002 : random.nextGaussian();
            }
            double[] sorted = java.util.Arrays.copyOf(values, length);
            java.util.Arrays.sort(sorted);
            for (double q : new double[] {0, 0.25, 0.5, 0.75, 0.9, 1}) {
                double[] work = values.clone();
                assertThat(Percentile.interpolatedSelecting(work, length, q)).as("q %s of %d", q, length)
                        .isEqualTo(Percentile.interpolated(sorted, q));
            }
        }
    }
}
