package dev.faultline.junit5;

/** The kinds of check a test can ask for: retries, latency of the timed calls, and fairness at a rate limit. */
public final class Expect {
    private final FaultlineSession session;

    Expect(FaultlineSession session) {
        this.session = session;
    }

    /** The {@code expect.retries} checks for the calls the client made to this upstream. */
    public Retries retries(String upstream) {
        session.requireUpstream(upstream);
        return new Retries(session, upstream);
    }

    /** The {@code expect.latency} checks, on the calls the test timed with {@link Faultline#call}. */
    public Latency latency() {
        return new Latency(session);
    }

    /** The {@code expect.fairness} checks that apply to one client, at this rate-limited upstream. */
    public Fairness fairness(String upstream) {
        session.requireUpstream(upstream);
        return new Fairness(session, upstream);
    }
}
