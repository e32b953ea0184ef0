package dev.faultline.analysis.retry;

import dev.faultline.analysis.JournalFixture;
import dev.faultline.analysis.RetryAfterValue;
import dev.faultline.analysis.WallClock;
import dev.faultline.scenario.CallsBy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.faultline.analysis.JournalFixture.journal;
import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterAnalyzerTest {
    /** 2026-11-26T10:00:00Z: a whole second, so HTTP-dates land on exact run times. */
    private static final long START_MILLIS = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();

    private static RetryAfterMeasurement measure(JournalFixture j, Optional<WallClock> wall) {
        RetryScope scope = new RetryScope("payments", List.of("outage"), new CallsBy.Auto(), Optional.empty(), Set.of(),
                List.of("outage"), wall);
        return RetryAnalysis.of(j.events(), scope).retryAfter().orElseThrow();
    }

    private static RetryAfterMeasurement measure(JournalFixture j) {
        return measure(j, Optional.empty());
    }

    @Test
    void aRetryThatWaitedTheSecondsAskedIsOnTime() {
        JournalFixture j = journal().phase("outage", 0).end(20_000)
                .attempt("payments", 1.0).call("a").retryAfter("2").add()
                .attempt("payments", 3.002).call("a").retryAfter("2").add()
                .attempt("payments", 5.1).call("a").served().status(200).add();

        RetryAfterMeasurement m = measure(j);

        assertThat(m.responsesNaming()).isEqualTo(2);
        assertThat(m.judged()).isEqualTo(2);
        assertThat(m.early()).isEmpty();
        assertThat(m.closest().orElseThrow().waitedNanos()).isEqualTo(2_001_000_000L);
        assertThat(m.closest().orElseThrow().askedNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aRetry80msAfterRetryAfterTwoIsEarlyAndKeepsItsTimes() {
        JournalFixture j = journal().phase("outage", 0).end(20_000)
                .attempt("payments", 1.0).client(3).call("a").retryAfter("2").add()
                .attempt("payments", 1.081).client(3).call("a").add();

        RetryAfterMeasurement m = measure(j);

        assertThat(m.early()).singleElement().satisfies(w -> {
            assertThat(w.retry().attempt().atNanos()).isEqualTo(1_081_000_000L);
            assertThat(w.retry().client()).isEqualTo(3);
            assertThat(w.waitedNanos()).isEqualTo(80_000_000L);
            assertThat(w.askedNanos()).isEqualTo(2_000_000_000L);
            assertThat(w.value()).isEqualTo("2");
            assertThat(w.date()).isFalse();
        });
    }

    @Test
    void fiftyMillisecondsEarlyIsWithinTheTolerance() {
        JournalFixture j = journal().phase("outage", 0).end(20_000)
                .attempt("payments", 1.0).call("a").retryAfter("2").add()
                .attempt("payments", 2.952).call("a").add()
                .attempt("payments", 2.0).call("b").retryAfter("2").add()
                .attempt("payments", 3.95).call("b").add();

        RetryAfterMeasurement m = measure(j);

        assertThat(m.early()).singleElement().satisfies(w -> assertThat(w.retry().call().key()).isEqualTo("b"));
    }

    @Test
    void anHttpDateIsTheWaitUntilThatInstantFromWhenTheResponseEnded() {
        // The response ends 10 s into the run, at 10:00:10Z; the date asks for 10:00:12Z: a 2 s wait.
        String date = "Thu, 26 Nov 2026 10:00:12 GMT";
        JournalFixture j = journal().phase("outage", 0).end(20_000)
                .attempt("payments", 9.999).call("early").retryAfter(date).add()
                .attempt("payments", 11.0).call("early").add()
                .attempt("payments", 9.999).call("patient").retryAfter(date).add()
                .attempt("payments", 12.0).call("patient").add();

        RetryAfterMeasurement m = measure(j, Optional.of(new WallClock(START_MILLIS)));

        assertThat(m.judged()).isEqualTo(2);
        assertThat(m.early()).singleElement().satisfies(w -> {
            assertThat(w.retry().call().key()).isEqualTo("early");
            assertThat(w.date()).isTrue();
            assertThat(w.askedNanos()).isEqualTo(2_000_000_000L);
        });
    }

    @Test
    void aDateInThePastAsksForNoWait() {
        JournalFixture j = journal().phase("outage", 0).end(20_000)
                .attempt("payments", 1.0).call("a").retryAfter("Wed, 21 Oct 2015 07:28:00 GMT").add()
                .attempt("payments", 1.002).call("a").add();

        RetryAfterMeasurement m = measure(j, Optional.of(new WallClock(START_MILLIS)));

        assertThat(m.early()).isEmpty();
        assertThat(m.closest().orElseThrow().askedNanos()).isZero();
    }

    @Test
    void withoutTheWallClockAnHttpDateCannotBeJudged() {
        JournalFixture j = journal().phase("outage", 0).end(20_000)
                .attempt("payments", 1.0).call("a").retryAfter("Thu, 26 Nov 2026 10:00:12 GMT").add()
                .attempt("payments", 1.5).call("a").add();

        RetryAfterMeasurement m = measure(j);

        assertThat(m.judged()).isZero();
        assertThat(m.unresolvedDates()).isEqualTo(1);
    }

    @Test
    void theObsoleteDateFormatsAreReadAndNonsenseIsReportedNotJudged() {
        assertThat(RetryAfterValue.parse("Thursday, 26-Nov-26 10:00:12 GMT"))
                .isEqualTo(new RetryAfterValue.Date(Instant.parse("2026-11-26T10:00:12Z")));
        assertThat(RetryAfterValue.parse("Thu Nov 26 10:00:12 2026"))
                .isEqualTo(new RetryAfterValue.Date(Instant.parse("2026-11-26T10:00:12Z")));
        assertThat(RetryAfterValue.parse(" 120 ")).isEqualTo(new RetryAfterValue.Delay(120));
        assertThat(RetryAfterValue.parse("soon")).isEqualTo(new RetryAfterValue.Invalid("soon"));
        assertThat(RetryAfterValue.parse("1.5")).isInstanceOf(RetryAfterValue.Invalid.class);
        assertThat(RetryAfterValue.parse("99999999999999999999999")).isInstanceOf(RetryAfterValue.Delay.class);
    }
}
