package dev.faultline.junit5;

import dev.faultline.journal.Event;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The fake upstreams of one test class (or method), as the test drives them: their urls, the faults in
 * force, and the judging of what the client under test did to them. Injected into test methods by
 * {@link FaultlineExtension}, which is itself one when registered with {@code @RegisterExtension}.
 */
public interface Faultline {

    /** The base url of the named upstream ({@code http://127.0.0.1:PORT}). */
    String url(String upstream);

    /**
     * The files of the test's certificate authority, made when an upstream speaks TLS ({@code Upstream.tls()},
     * {@code tls:} in a scenario file): the CA in PEM and in a PKCS12 trust store, and a client certificate.
     *
     * @throws IllegalStateException if no upstream speaks TLS
     */
    dev.faultline.upstream.tls.TlsFiles tlsFiles();

    /**
     * An {@code SSLContext} trusting the test's certificate authority and presenting its client certificate to an
     * mTLS upstream: {@code HttpClient.newBuilder().sslContext(fl.sslContext())}.
     *
     * @throws IllegalStateException if no upstream speaks TLS
     */
    javax.net.ssl.SSLContext sslContext();

    /**
     * Puts the scenario's named phase in force: its faults on every upstream, from now until another
     * phase or {@link #inject} replaces them. Phases do not advance by themselves in a test.
     *
     * @throws IllegalArgumentException if the scenario has no such phase
     */
    void phase(String name);

    /**
     * Replaces the faults in force on one upstream with these, from now on (the other upstreams keep
     * theirs); no faults lifts them. Each call starts a new window of the timeline the judges see.
     *
     * @throws IllegalArgumentException if there is no such upstream
     */
    void inject(String upstream, Fault... faults);

    /** Forgets the journal and the {@link #inject} windows, and puts the first phase back in force (no faults, for upstreams built in code). */
    void reset();

    /** Checks to judge the journal with, as the scenario format's {@code expect} declares them. */
    Expect expect();

    /** What the upstreams recorded since the last reset, in time order. */
    List<Event> journal();

    /**
     * The requests one upstream received since the last reset, for assertions:
     * {@code FaultlineAssertions.assertThat(fl.journal("payments")).hasAttemptsPerCallAtMost(3)}.
     *
     * @throws IllegalArgumentException if there is no such upstream
     */
    UpstreamJournal journal(String upstream);

    /**
     * Runs one call of the client under test and records how long it took and whether it returned or
     * threw, for {@code fl.expect().latency()}: {@code fl.call(() -> client.pay())}. The call's latency is
     * the client's whole call, retries and waits included, as its caller sees it.
     *
     * @return what the call returned
     * @throws Exception what the call threw (recorded as a failed call first)
     */
    <T> T call(Callable<T> call) throws Exception;

    /**
     * Runs a whole scenario file, its target included, as {@code faultline run FILE} does, and returns the
     * report. Reports are written under {@code target/faultline-reports/} of the working directory.
     *
     * @throws IllegalArgumentException if the file is not a valid scenario, with the loader's
     *                                  {@code FILE:LINE:COL} errors
     */
    static FaultlineReport run(Path scenario) {
        return ScenarioRunner.run(scenario, Optional.empty());
    }

    /** {@link #run(Path)} with this seed instead of the file's ({@code faultline run --seed}). */
    static FaultlineReport run(Path scenario, long seed) {
        return ScenarioRunner.run(scenario, Optional.of(seed));
    }
}
