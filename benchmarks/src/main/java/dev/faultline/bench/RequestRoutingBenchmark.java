package dev.faultline.bench;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.internal.CompiledRule;
import dev.faultline.upstream.internal.RequestRouter;
import dev.faultline.upstream.internal.RuleSet;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fake upstream's per-request decision: pick the phase's fault rule (match, budget, seeded
 * probability draw), else the first matching route. The routes are a realistic REST surface (exact
 * paths, one-segment and many-segment globs, a method or header constraint here and there) and the
 * requests a fixed, shuffled mix of early hits, late hits and misses.
 *
 * <p>{@link #baseline()} only picks the next request of the mix, so what the others cost beyond it
 * is the decision itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestRoutingBenchmark {
    private static final int MIX_SIZE = 1024;

    /** Routes in the upstream; the matching route is anywhere among them. */
    @Param({"4", "16", "64"})
    public int routes;

    private RequestRouter router;
    private RuleSet rules;
    private BenchRequest[] mix;
    private int next;

    @Setup
    public void setUp() {
        router = RequestRouter.of("bench", routes(routes));
        rules = RuleSet.compile("bench", "outage", faultRules(), 1, 7, RunClock.startingNow(), id -> new LongAdder());
        mix = requestMix(routes, new SplittableRandom(42));
        next = 0;
    }

    @Benchmark
    public Object baseline() {
        return nextRequest();
    }

    @Benchmark
    public Object routeOnly() {
        return router.route(nextRequest());
    }

    @Benchmark
    public Object selectRuleThenRoute() {
        BenchRequest request = nextRequest();
        CompiledRule rule = rules.select(request);
        return rule != null ? rule : router.route(request);
    }

    private BenchRequest nextRequest() {
        return mix[next++ & (MIX_SIZE - 1)];
    }

    private static List<Route> routes(int count) {
        List<Route> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RequestMatch match = switch (i % 4) {
                case 0 -> new RequestMatch(null, PathPattern.of("/api/v1/resource" + i), Map.of(), Map.of());
                case 1 -> new RequestMatch("GET", PathPattern.of("/api/v1/resource" + i + "/*"), Map.of(), Map.of());
                case 2 -> new RequestMatch("POST", PathPattern.of("/api/v1/resource" + i + "/*/items"), Map.of(), Map.of());
                default -> new RequestMatch(null, PathPattern.of("/static/" + i + "/**"), Map.of("Accept", "text/html"), Map.of());
            };
            routes.add(new Route(match, Respond.of(200, Map.of("Content-Type", "application/json"), "{\"route\":" + i + "}")));
        }
        return routes;
    }

    /** A typical outage phase: a flaky payment path, a throttled tenant, slowness on searches. */
    private static List<FaultRule> faultRules() {
        return List.of(
                new FaultRule("outage/bench[0]", "payments", new RequestMatch("POST", PathPattern.of("/payments/**"), Map.of(), Map.of()),
                        0.3, 0, false, null, new FaultAction.RespondWith(Respond.status(503))),
                new FaultRule("outage/bench[1]", "tenant", new RequestMatch(null, null, Map.of("X-Tenant", "noisy"), Map.of()),
                        0.5, 0, false, null, new FaultAction.RespondWith(Respond.of(429, Map.of("Retry-After", "1"), ""))),
                new FaultRule("outage/bench[2]", "search", new RequestMatch("GET", PathPattern.of("/api/v1/*/search"), Map.of(), Map.of()),
                        1.0, 0, false, new Delay.Uniform(Duration.ofMillis(50), Duration.ofMillis(300)), null));
    }

    private static BenchRequest[] requestMix(int routeCount, SplittableRandom random) {
        BenchRequest[] mix = new BenchRequest[MIX_SIZE];
        for (int i = 0; i < MIX_SIZE; i++) {
            int kind = random.nextInt(10);
            int route = random.nextInt(routeCount);
            mix[i] = switch (kind) {
                case 0 -> BenchRequest.of("POST", "/payments/charge/" + i, null, "Content-Type", "application/json");
                case 1 -> BenchRequest.of("GET", "/api/v1/resource" + route, null, "X-Tenant", "noisy");
                case 2 -> BenchRequest.of("GET", "/api/v1/catalog/search", "q=shoes&page=2", "Accept", "application/json");
                case 3 -> BenchRequest.of("GET", "/not/a/route/" + i, null);
                default -> requestFor(route, i);
            };
        }
        return mix;
    }

    private static BenchRequest requestFor(int route, int i) {
        return switch (route % 4) {
            case 0 -> BenchRequest.of("GET", "/api/v1/resource" + route, null, "Accept", "application/json");
            case 1 -> BenchRequest.of("GET", "/api/v1/resource" + route + "/" + i, null, "Accept", "application/json");
            case 2 -> BenchRequest.of("POST", "/api/v1/resource" + route + "/" + i + "/items", null, "Content-Type", "application/json");
            default -> BenchRequest.of("GET", "/static/" + route + "/css/site-" + i + ".css", null, "Accept", "text/html");
        };
    }
}
