package dev.faultline.load;

import dev.faultline.journal.CallOutcome;
import dev.faultline.journal.Journal;
import dev.faultline.journal.LoadResult;
import dev.faultline.journal.RunClock;
import dev.faultline.scenario.Arrivals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The open-loop load driver: sends the plan's requests at their intended times whatever the target
 * does, and records each one's outcome as a {@link LoadResult} in the journal.
 *
 * <p>The guarantees, whichever engine sends: the arrival schedules are computed from the start (constant
 * or Poisson, one stream per tenant), so they never drift, and a send never waits for an earlier
 * response (open loop). A request's latency is measured from its intended send time; the moment it
 * actually went out is recorded too, so the analyses can tell how far the driver itself fell behind
 * (schedule lag) and call a lagging run inconclusive. Each request carries a fresh {@code X-Request-Id}
 * and W3C {@code traceparent}. One arrival is one attempt (no silent retry, no redirect following),
 * except that a request that met a keep-alive connection the server had already closed is resent once
 * on a fresh connection ({@link StaleConnection}), so the driver's own stale connections are not blamed
 * on the target; the journal marks it ({@link LoadResult#resentAfter()}). HTTP/1.0 responses without
 * keep-alive and {@code Connection: close} end their connection ({@link Http10Persistence}). At most
 * {@link #inFlightCap} requests are in flight; past that they wait, and the lag says so. Failures are
 * sorted by {@link CallFailures}; {@link #stop} cancels what is left and releases every thread and socket.
 *
 * <p>The engine is chosen here, by the targets' scheme, and nowhere else ({@link #engineFor}): cleartext
 * {@code http://} targets get {@link NioLoadEngine}, one selector thread that paces, writes and reads (as
 * wrk does, about a tenth of OkHttp's CPU per request); anything else ({@code https://}, where HTTP/2 may be
 * negotiated) gets {@link OkHttpLoadEngine}. The system property {@value #ENGINE_PROPERTY}{@code =okhttp}
 * sends cleartext targets through OkHttp too (for comparison, or as a way out should the event loop
 * misjudge a server).
 */
public final class LoadDriver implements AutoCloseable {
    static final int MIN_IN_FLIGHT = 64;
    static final int MAX_IN_FLIGHT = 8192;
    /** {@code okhttp}: send cleartext targets through OkHttp as well. */
    public static final String ENGINE_PROPERTY = "faultline.load.engine";
    /** Keeps the arrival draws apart from the request mix's, which use the same seed. */
    private static final long ARRIVAL_SEED_SALT = 0x6172726976616c73L;

    private final LoadEngine engine;

    private LoadDriver(LoadEngine engine) {
        this.engine = engine;
    }

    /** Which engine sends a plan's requests. */
    enum Engine {
        /** {@link NioLoadEngine}: every target is cleartext {@code http://}. */
        EVENT_LOOP,
        /** {@link OkHttpLoadEngine}: some target is {@code https://} (or OkHttp was asked for). */
        OKHTTP
    }

    /** The one place the engine is chosen: the event loop when every target is cleartext http, else OkHttp. */
    static Engine engineFor(List<String> targets) {
        boolean cleartext = targets.stream().allMatch(url -> url.toLowerCase(Locale.ROOT).startsWith("http://"));
        boolean okhttpAsked = "okhttp".equalsIgnoreCase(System.getProperty(ENGINE_PROPERTY, ""));
        return cleartext && !okhttpAsked ? Engine.EVENT_LOOP : Engine.OKHTTP;
    }

    /**
     * Builds the driver and warms its client up (against a local server of its own, not the
     * target), so the first scheduled requests do not pay for class loading. Sends nothing yet.
     */
    public static LoadDriver prepare(LoadPlan plan, RunClock clock, Journal journal) {
        return prepare(plan, clock, journal, TargetTls.DEFAULT);
    }

    /** Like {@link #prepare(LoadPlan, RunClock, Journal)}, checking an https target's certificate as {@code tls} says. */
    public static LoadDriver prepare(LoadPlan plan, RunClock clock, Journal journal, TargetTls tls) {
        return new LoadDriver(engineFor(plan.targets()) == Engine.EVENT_LOOP
                ? NioLoadEngine.prepare(plan, clock, journal)
                : OkHttpLoadEngine.prepare(plan, clock, journal, tls));
    }

    /**
     * Starts sending.
     *
     * @param originNanos run time of the schedule's zero (the first phase's start); rate steps count from it
     * @param duration    how long to send: no arrival at or after {@code origin + duration}
     */
    public void start(long originNanos, Duration duration) {
        engine.start(originNanos, duration);
    }

    /** Requests handed to the client so far. */
    public long sent() {
        return engine.sent();
    }

    /** Requests not finished yet. */
    public int inFlight() {
        return engine.inFlight();
    }

    /**
     * Stops sending, gives requests in flight up to {@code grace} to finish, then cancels the rest
     * (recorded as {@link CallOutcome#CANCELLED}) and releases every thread and connection.
     *
     * @param grace how long to wait for requests in flight; zero cancels them at once (abort)
     */
    public void stop(Duration grace) {
        engine.stop(grace);
    }

    /** Stops at once, cancelling whatever is in flight. */
    @Override
    public void close() {
        engine.close();
    }

    /** Most requests in flight before new ones wait: peak rate × timeout × 1.5, within [64, 8192]. */
    static int inFlightCap(LoadPlan plan) {
        double needed = plan.peakPerSecond() * plan.timeout().toNanos() / 1e9 * 1.5 + 16;
        return (int) Math.max(MIN_IN_FLIGHT, Math.min(MAX_IN_FLIGHT, Math.ceil(needed)));
    }

    /** The plan's schedules: Poisson arrivals with a random stream each, drawn from the plan's seed; or constant ones. */
    static ArrivalSchedule[] schedules(LoadPlan plan, long endNanos) {
        if (plan.arrivals() == Arrivals.CONSTANT) {
            return schedules(plan.streams(), endNanos);
        }
        ArrivalSchedule[] schedules = new ArrivalSchedule[plan.streams().size()];
        for (int i = 0; i < schedules.length; i++) {
            LoadPlan.Stream stream = plan.streams().get(i);
            schedules[i] = ArrivalSchedule.poisson(stream.steps(), endNanos, arrivalRandom(plan.seed(), stream.tenant()));
        }
        return schedules;
    }

    /**
     * A stream's own generator, from the seed and its tenant's name (names are unique), so adding,
     * removing or reordering tenants never shifts another tenant's arrivals.
     */
    static SplittableRandom arrivalRandom(long seed, String tenant) {
        long name = tenant == null ? 0 : tenant.hashCode();
        return new SplittableRandom(new SplittableRandom(seed ^ ARRIVAL_SEED_SALT ^ name * 0x9E3779B97F4A7C15L).nextLong());
    }

    /** One constant schedule per stream; streams are staggered by a fraction of their interval so they do not fire together. */
    static ArrivalSchedule[] schedules(List<LoadPlan.Stream> streams, long endNanos) {
        ArrivalSchedule[] schedules = new ArrivalSchedule[streams.size()];
        for (int i = 0; i < schedules.length; i++) {
            double shortest = streams.get(i).steps().stream().mapToDouble(s -> s.rate().intervalNanos()).min().orElse(0);
            long offset = (long) (shortest * i / schedules.length);
            schedules[i] = new ArrivalSchedule(streams.get(i).steps(), offset, endNanos);
        }
        return schedules;
    }
}
