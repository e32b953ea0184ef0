package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitKey;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RuleEffectTest {

    /** One instance of every action variant; the first assertion fails when a variant is added. */
    private static final List<FaultAction> EVERY_ACTION = List.of(
            new FaultAction.RespondWith(Respond.status(503)),
            new FaultAction.Drop(),
            new FaultAction.Reset(),
            new FaultAction.Hang(),
            new FaultAction.Down(),
            new FaultAction.TruncateBody(10),
            new FaultAction.DribbleBody(1, Duration.ofMillis(100)),
            new FaultAction.GarbageBody(),
            new FaultAction.RateLimit(1, Duration.ofSeconds(1), new RateLimitKey.Global(),
                    RateLimitAlgorithm.TOKEN_BUCKET, List.of()));

    private static FaultRule ruleWith(FaultAction action) {
        return new FaultRule("r", "r", RequestMatch.ANY, 1, 0, false, action == null ? new Delay.Fixed(Duration.ZERO) : null, action);
    }

    @Test
    void everyActionVariantHasAnEffectAndDelayAloneIsOneToo() {
        Set<Class<?>> covered = EVERY_ACTION.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(Arrays.asList(FaultAction.class.getPermittedSubclasses()));

        Set<RuleEffect> effects = EVERY_ACTION.stream().map(a -> RuleEffect.of(ruleWith(a))).collect(Collectors.toSet());
        effects.add(RuleEffect.of(ruleWith(null)));
        assertThat(effects).isEqualTo(EnumSet.allOf(RuleEffect.class));
    }

    @Test
    void journalNamesAreTheActionsOwnEffectNames() {
        for (FaultAction action : EVERY_ACTION) {
            assertThat(RuleEffect.of(ruleWith(action)).journalName()).isEqualTo(action.effect());
        }
    }

}
