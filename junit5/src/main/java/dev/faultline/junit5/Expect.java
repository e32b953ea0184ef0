package dev.faultline.junit5;

/** The kinds of check a test can ask for; retries only, in this version. */
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
}
