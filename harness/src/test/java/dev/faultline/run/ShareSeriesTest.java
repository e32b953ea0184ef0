package dev.faultline.run;

import dev.faultline.journal.Event;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.report.Series;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShareSeriesTest {
    private static UpstreamRequest at(double seconds, int instance) {
        long at = (long) (seconds * 1e9);
        return new UpstreamRequest(at, at + 1, "api", 0, 1, "GET", "/", null, null, null, null, "route", 200, 0, -1, -1,
                null, null, UpstreamRequest.Outcome.COMPLETED, instance);
    }

    @Test
    void eachInstancesShareOfEveryBinIsStackedAndEmptyBinsAreGaps() {
        List<Event> events = new ArrayList<>();
        // Bin 0: 3 to #0, 1 to #1; bin 1: nothing; bin 2: 1 to #1.
        events.add(at(0.1, 0));
        events.add(at(0.2, 0));
        events.add(at(0.3, 1));
        events.add(at(0.4, 0));
        events.add(at(1.2, 1));

        List<Series> series = ShareSeries.of("api", 2, events, 3, 0.5);

        assertThat(series).extracting(Series::name).containsExactly("api #0: share of requests", "api #1: share of requests");
        assertThat(series).allSatisfy(s -> {
            assertThat(s.stacked()).isTrue();
            assertThat(s.unit()).isEqualTo("share");
            assertThat(s.group()).isEqualTo("api: shares by instance");
        });
        assertThat(series.get(0).values().get(0)).isEqualTo(0.75);
        assertThat(series.get(1).values().get(0)).isEqualTo(0.25);
        assertThat(series.get(0).values().get(1)).isNaN();
        assertThat(series.get(1).values().get(2)).isEqualTo(1.0);
    }
}
