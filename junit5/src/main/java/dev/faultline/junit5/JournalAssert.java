package dev.faultline.junit5;

import dev.faultline.analysis.LogicalCall;
import dev.faultline.journal.UpstreamRequest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fluent assertions on what one upstream received, in the style of AssertJ:
 * {@code assertThat(fl.journal("payments")).hasCalls(5).hasAttemptsPerCallAtMost(3)}. Each method
 * throws an {@link AssertionError} whose message names the upstream, what was expected and what was
 * seen, or returns this for the next assertion.
 *
 * <p>Calls are grouped as {@link UpstreamJournal#calls()} says (the client should send one X-Request-Id
 * on every attempt of a call); assertions on calls fail with that explanation when the requests carry
 * no call id. For judgements that need timing (backoff, jitter, Retry-After) use
 * {@code fl.expect().retries(...)}: a count cannot tell them.
 */
public final class JournalAssert {
    private final UpstreamJournal actual;

    JournalAssert(UpstreamJournal actual) {
        this.actual = actual;
    }

    /** Exactly this many requests (attempts) arrived. */
    public JournalAssert hasRequests(int expected) {
        if (actual.requests().size() != expected) {
            fail("expected " + expected + " requests but received " + actual.requests().size() + summary());
        }
        return this;
    }

    /** At most this many requests (attempts) arrived. */
    public JournalAssert hasRequestsAtMost(int limit) {
        if (actual.requests().size() > limit) {
            fail("expected at most " + limit + " requests but received " + actual.requests().size() + summary());
        }
        return this;
    }

    /** Exactly this many calls arrived (attempts of a call counted once). */
    public JournalAssert hasCalls(int expected) {
        List<LogicalCall> calls = actual.callsOrThrow("hasCalls");
        if (calls.size() != expected) {
            fail("expected " + expected + " calls but received " + calls.size() + " (in " + actual.requests().size() + " requests)");
        }
        return this;
    }

    /** No call made more than this many attempts (the first attempt included). */
    public JournalAssert hasAttemptsPerCallAtMost(int limit) {
        List<LogicalCall> calls = actual.callsOrThrow("hasAttemptsPerCallAtMost");
        List<LogicalCall> over = calls.stream().filter(c -> c.attempts().size() > limit).toList();
        if (!over.isEmpty()) {
            LogicalCall worst = over.stream().max(Comparator.comparingInt(c -> c.attempts().size())).orElseThrow();
            fail("expected at most " + limit + " attempts per call but " + over.size() + " of " + calls.size()
                    + " calls made more; the worst, " + worst.key() + ", made " + worst.attempts().size() + " attempts: "
                    + statuses(worst.attempts()));
        }
        return this;
    }

    /** No call made a retry (every call is one attempt). */
    public JournalAssert hasNoRetries() {
        return hasAttemptsPerCallAtMost(1);
    }

    /** No attempt followed, in the same call, a response with one of these statuses (e.g. 400, 404: not retryable). */
    public JournalAssert hasNoRetriesOn(int... statuses) {
        Set<Integer> forbidden = Arrays.stream(statuses).boxed().collect(Collectors.toSet());
        List<LogicalCall> calls = actual.callsOrThrow("hasNoRetriesOn");
        for (LogicalCall call : calls) {
            List<UpstreamRequest> attempts = call.attempts();
            for (int i = 0; i + 1 < attempts.size(); i++) {
                if (forbidden.contains(attempts.get(i).status())) {
                    fail("expected no retry after " + forbidden + " but call " + call.key() + " was retried after "
                            + attempts.get(i).status() + ": " + statuses(attempts));
                }
            }
        }
        return this;
    }

    /** Exactly this many requests were answered with this status. */
    public JournalAssert hasResponses(int status, int expected) {
        long seen = actual.requests().stream().filter(r -> r.status() == status).count();
        if (seen != expected) {
            fail("expected " + expected + " responses with status " + status + " but sent " + seen + summary());
        }
        return this;
    }

    private String summary() {
        return " (statuses: " + statuses(actual.requests()) + ")";
    }

    /** The statuses of these requests in order, {@code 503 503 200}; a request without one shows its effect. */
    private static String statuses(List<UpstreamRequest> requests) {
        int shown = Math.min(requests.size(), 20);
        String text = requests.subList(0, shown).stream().map(r -> r.status() == 0 ? r.effect() : String.valueOf(r.status()))
                .collect(Collectors.joining(" "));
        return shown < requests.size() ? text + " ... (" + (requests.size() - shown) + " more)" : text;
    }

    private void fail(String message) {
        throw new AssertionError(actual.upstream() + ": " + message);
    }
}
