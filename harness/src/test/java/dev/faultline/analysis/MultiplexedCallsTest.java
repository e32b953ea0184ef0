package dev.faultline.analysis;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.scenario.CallsBy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code by: client} over HTTP/2: a client's concurrent calls on one connection's streams are told
 * apart, and a journal without streams (HTTP/1.1) is grouped exactly as before.
 */
class MultiplexedCallsTest {
    private final List<UpstreamRequest> attempts = new ArrayList<>();

    /** One attempt on connection 1 that arrives at {@code atMs} and ends 5 ms later. */
    private MultiplexedCallsTest attempt(double atMs, String path, int status, int stream) {
        long at = (long) (atMs * 1_000_000L);
        attempts.add(new UpstreamRequest(at, at + 5_000_000L, "api", 0, 1, "GET", path, null, null, null,
                status == 200 ? null : "outage/api[0]", status == 200 ? "route" : "respond", status, 2, -1, -1, null, null,
                Outcome.COMPLETED, 0, stream));
        return this;
    }

    private List<Integer> attemptsPerCall() {
        CallGrouping grouping = CallGrouper.group(attempts, new CallsBy.Client());
        return ((CallGrouping.Calls) grouping).calls().stream().map(c -> c.attempts().size()).toList();
    }

    @Test
    void curlParallelRetryingThreeFailingUrlsOnOneConnectionIsThreeCallsOfThreeAttempts() {
        // What curl --http2 --parallel --retry 2 did against /a, /b, /c all answered 503 (streams 1..17).
        int stream = 1;
        for (double at : new double[]{0, 1005, 3010}) {
            for (String path : List.of("/a", "/b", "/c")) {
                attempt(at + path.charAt(1) - 'a', path, 503, stream);
                stream += 2;
            }
        }
        assertThat(attemptsPerCall()).containsExactly(3, 3, 3);
        CallGrouping.Calls calls = (CallGrouping.Calls) CallGrouper.group(attempts, new CallsBy.Client());
        assertThat(calls.calls()).allSatisfy(call -> assertThat(call.attempts()).extracting(UpstreamRequest::path)
                .containsOnly(call.first().path()));
    }

    @Test
    void callsThatSucceedAtDifferentAttemptsKeepTheirOwnCounts() {
        // /a fails twice, /b once, /c never: 3, 2 and 1 attempts though they interleave on one connection.
        attempt(0, "/a", 503, 1).attempt(1, "/b", 503, 3).attempt(2, "/c", 200, 5)
                .attempt(1000, "/a", 503, 7).attempt(1001, "/b", 200, 9).attempt(3000, "/a", 200, 11);
        assertThat(attemptsPerCall()).containsExactly(3, 2, 1);
    }

    @Test
    void anAttemptInFlightBesideAFailureIsANewCallNotItsRetry() {
        // Two calls for the same path on streams 1 and 3: the second arrived before the first failed.
        attempt(0, "/a", 503, 1).attempt(2, "/a", 503, 3).attempt(500, "/a", 503, 5).attempt(501, "/a", 503, 7);
        assertThat(attemptsPerCall()).containsExactly(2, 2);
    }

    @Test
    void withoutStreamsAClientsAttemptAfterAFailureIsStillItsRetry() {
        // HTTP/1.1 journals (stream 0) keep the one-call-at-a-time rule, so recorded runs judge as before.
        attempt(0, "/a", 503, 0).attempt(1, "/b", 503, 0).attempt(2, "/c", 200, 0);
        assertThat(attemptsPerCall()).containsExactly(3);
        assertThat(MultiplexedCalls.applies(attempts)).isFalse();
        assertThat(CallGrouper.group(attempts, new CallsBy.Client(), Set.of())).isInstanceOf(CallGrouping.Calls.class);
    }
}
