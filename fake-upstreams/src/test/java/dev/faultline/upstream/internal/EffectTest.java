package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.Http2ErrorCode;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitKey;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.TlsFaultKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EffectTest {

    /** One instance of every action variant; the first assertion fails when a variant is added. */
    private static final List<FaultAction> EVERY_ACTION = List.of(
            new FaultAction.RespondWith(Respond.status(503)),
            new FaultAction.PassToRoute(),
            new FaultAction.Drop(),
            new FaultAction.Reset(),
            new FaultAction.Hang(),
            new FaultAction.Down(),
            new FaultAction.TruncateBody(10),
            new FaultAction.DribbleBody(1, Duration.ofMillis(100)),
            new FaultAction.GarbageBody(),
            new FaultAction.RateLimit(1, Duration.ofSeconds(1), new RateLimitKey.Global(),
                    RateLimitAlgorithm.TOKEN_BUCKET, List.of()),
            FaultAction.TlsFault.of(TlsFaultKind.RESET),
            new FaultAction.Drift(List.of(new dev.faultline.upstream.spec.DriftMutation.Reorder(
                    dev.faultline.upstream.spec.JsonPath.parse("$")))),
            new FaultAction.Deprecate(null, null, null, false),
            new FaultAction.BandwidthBody(1024),
            FaultAction.Http2Fault.rstStream(Http2ErrorCode.CANCEL),
            new FaultAction.AfterHeaders(FaultAction.AfterHeaders.Then.RESET));

    private static FaultRule ruleWith(FaultAction action) {
        boolean delayed = action instanceof FaultAction.PassToRoute;
        return new FaultRule("r", "r", RequestMatch.ANY, 1, 0, false, delayed ? new Delay.Fixed(Duration.ZERO) : null, action);
    }

    private static Effect compile(FaultRule rule) {
        return Effect.compile(rule, "u", 1, 7, RunClock.startingNow(), 0);
    }

    @Test
    void everyActionVariantCompilesToAnEffectUnderTheJournalNameItHadBefore() {
        Set<Class<?>> covered = EVERY_ACTION.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Arrays.asList(FaultAction.class.getPermittedSubclasses()));

        assertThat(EVERY_ACTION).allSatisfy(action -> assertThat(compile(ruleWith(action))).isNotNull());
        // The journal's and report's effect names are part of the journal format: they must not change.
        assertThat(EVERY_ACTION.stream().map(FaultAction::effect)).containsExactly(
                "respond", "delay", "drop", "reset", "hang", "down", "truncate", "dribble", "garbage", "rate-limit",
                "tls-reset", "drift", "deprecate", "bandwidth", "rst-stream:CANCEL", "reset-after-headers");
    }

    @Test
    void aRuleWithADelayAloneHasThePassToRouteEffectNamedDelay() {
        FaultRule rule = new FaultRule("r", "r", RequestMatch.ANY, 1, 0, false, new Delay.Fixed(Duration.ofMillis(5)), null);
        assertThat(rule.action()).isEqualTo(new FaultAction.PassToRoute());
        assertThat(rule.effect()).isEqualTo("delay");
        assertThat(compile(rule)).isInstanceOf(Effect.PassToRoute.class);
    }

    @Test
    void aRuleWithNeitherADelayNorAnActionOfItsOwnIsRefused() {
        assertThatThrownBy(() -> new FaultRule("r", "r", RequestMatch.ANY, 1, 0, false, null, null))
                .hasMessageContaining("neither a delay nor an action");
        assertThatThrownBy(() -> new FaultRule("r", "r", RequestMatch.ANY, 1, 0, false, null, new FaultAction.PassToRoute()))
                .hasMessageContaining("neither a delay nor an action");
    }

    @Test
    void onlyARateLimitAndATlsFaultLetATriggeredRequestGoOn() {
        // A TLS fault acts on handshakes; a request that arrives got through one, so it is never the fault's.
        for (FaultAction action : EVERY_ACTION) {
            boolean lets = compile(ruleWith(action)).lets(TestRequest.get("/"));
            assertThat(lets).as(action.effect())
                    .isEqualTo(action instanceof FaultAction.RateLimit || action instanceof FaultAction.TlsFault);
        }
    }

    @Test
    void anHttp2FaultDoesNotApplyToAnHttp11RequestAndSpendsNoFirstBudgetOnIt() {
        // An HTTP/2 fault has no stream to act on in an HTTP/1.1 request (stream 0).
        for (FaultAction action : EVERY_ACTION) {
            assertThat(compile(ruleWith(action)).applies(TestRequest.get("/"))).as(action.effect())
                    .isEqualTo(!(action instanceof FaultAction.Http2Fault));
        }
        CompiledRule firstOne = new CompiledRule(new FaultRule("r", "r", RequestMatch.ANY, 1, 1, false, null,
                FaultAction.Http2Fault.rstStream(Http2ErrorCode.CANCEL)), "u", 1, 7, RunClock.startingNow(), 0,
                new java.util.concurrent.atomic.LongAdder());
        assertThat(firstOne.tryFire(TestRequest.get("/"))).isFalse();
        assertThat(firstOne.tryFire(onStream(3))).as("the budget is still there for an HTTP/2 request").isTrue();
        assertThat(firstOne.tryFire(onStream(5))).isFalse();
    }

    private static RequestView onStream(int stream) {
        return new RequestView() {
            @Override public String method() { return "GET"; }
            @Override public String path() { return "/"; }
            @Override public String query() { return null; }
            @Override public String header(String name) { return null; }
            @Override public int client() { return 0; }
            @Override public int stream() { return stream; }
        };
    }

    @Test
    void http2StreamFaultsFireOnAStreamAndTheStreamLimitNeverFiresOnARequest() {
        RequestView onStream3 = onStream(3);
        for (FaultAction.Http2Fault fault : List.of(FaultAction.Http2Fault.rstStream(Http2ErrorCode.REFUSED_STREAM),
                FaultAction.Http2Fault.goAway(Http2ErrorCode.PROTOCOL_ERROR, 0), FaultAction.Http2Fault.stallWindow())) {
            Effect effect = compile(ruleWith(fault));
            assertThat(effect.applies(onStream3) && !effect.lets(onStream3)).as(fault.effect()).isTrue();
        }
        Effect limit = compile(ruleWith(FaultAction.Http2Fault.maxConcurrentStreams(1)));
        assertThat(limit.applies(onStream3)).isFalse();
        assertThat(FaultAction.Http2Fault.stallWindow().effect()).isEqualTo("stall-window");
        assertThat(compile(ruleWith(FaultAction.Http2Fault.stallWindow())).readsBody()).isFalse();
        assertThatThrownBy(() -> compile(new FaultRule("r", "r", RequestMatch.ANY, 0.5, 0, false, null,
                FaultAction.Http2Fault.maxConcurrentStreams(1)))).hasMessageContaining("takes no match, probability");
    }

    @Test
    void everyEffectSaysWhetherAProxiedRequestReachesTheDependency() {
        // Effects that shape or delay the route's answer reach the dependency; the ones that answer or end the exchange never do.
        Set<String> answeredOrEndedHere = Set.of("respond", "drop", "reset", "hang", "down", "rate-limit", "rst-stream:CANCEL");
        for (FaultAction action : EVERY_ACTION) {
            assertThat(compile(ruleWith(action)).forwards(onStream(3))).as(action.effect())
                    .isEqualTo(!answeredOrEndedHere.contains(action.effect()));
        }
        assertThat(compile(ruleWith(new FaultAction.Deprecate(null, null, null, true))).forwards(onStream(3)))
                .as("deprecate gone answers 410 itself").isFalse();
        assertThat(compile(ruleWith(FaultAction.Http2Fault.goAway(Http2ErrorCode.NO_ERROR, -1))).forwards(onStream(3)))
                .as("a graceful GOAWAY covering the stream lets the dependency answer").isTrue();
        assertThat(compile(ruleWith(FaultAction.Http2Fault.goAway(Http2ErrorCode.NO_ERROR, 1))).forwards(onStream(3)))
                .as("a graceful GOAWAY that leaves the stream out answers nothing").isFalse();
        assertThat(compile(ruleWith(FaultAction.Http2Fault.goAway(Http2ErrorCode.PROTOCOL_ERROR, -1))).forwards(onStream(3))).isFalse();
        assertThat(compile(ruleWith(FaultAction.Http2Fault.stallWindow())).forwards(onStream(3))).isFalse();
    }
}
