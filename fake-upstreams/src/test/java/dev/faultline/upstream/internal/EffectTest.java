package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
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
                "tls-reset", "reset-after-headers");
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
}
