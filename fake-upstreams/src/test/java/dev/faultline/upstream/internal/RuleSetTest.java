package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.Specs;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitKey;
import dev.faultline.upstream.spec.Respond;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleSetTest {

    private static RuleSet compile(long seed, FaultRule... rules) {
        return RuleSet.compile("payments", "outage", List.of(rules), 2, seed, RunClock.startingNow(), id -> new LongAdder());
    }

    /** Which rule decided each of {@code count} identical requests ("-" for none). */
    private static List<String> decisions(RuleSet rules, int count) {
        List<String> decided = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompiledRule rule = rules.select(TestRequest.get("/charge"));
            decided.add(rule == null ? "-" : rule.id());
        }
        return decided;
    }

    private static FaultRule coinFlip(String id) {
        return rule(id).probability(0.5).respond(503).build();
    }

    @Test
    void theSameSeedAndRequestOrderGiveTheSameDecisions() {
        assertThat(decisions(compile(7, coinFlip("r")), 200)).isEqualTo(decisions(compile(7, coinFlip("r")), 200));
    }

    @Test
    void aDifferentSeedGivesDifferentDecisions() {
        assertThat(decisions(compile(7, coinFlip("r")), 200)).isNotEqualTo(decisions(compile(8, coinFlip("r")), 200));
    }

    @Test
    void probabilityIsHonouredOverManyRequests() {
        List<String> decided = decisions(compile(3, rule("r").probability(0.2).respond(503).build()), 10_000);
        assertThat(decided.stream().filter("r"::equals).count()).isBetween(1_800L, 2_200L);
    }

    @Test
    void addingARuleThatDoesNotMatchDoesNotChangeTheOthersDecisions() {
        // The added rule never matches /charge, so the rule after it sees the same requests in the same order.
        FaultRule added = rule("added").match(path("/other")).probability(0.5).respond(500).build();
        List<String> alone = decisions(compile(7, coinFlip("r")), 200);
        List<String> behindAnother = decisions(compile(7, added, coinFlip("r")), 200);
        assertThat(behindAnother).isEqualTo(alone);
    }

    @Test
    void aRuleAddedBeforeAnotherThatTakesSomeRequestsLeavesTheOthersDecisionsInOrder() {
        List<String> alone = decisions(compile(7, coinFlip("r")), 200);
        List<String> reachingR = decisions(compile(7, coinFlip("added"), coinFlip("r")), 200).stream()
                .filter(decided -> !decided.equals("added")).toList();
        assertThat(reachingR).hasSizeBetween(60, 140);
        assertThat(reachingR).isEqualTo(alone.subList(0, reachingR.size()));
    }

    @Test
    void aRuleKeepsItsDrawsWhenItMovesInTheList() {
        FaultRule other = rule("other").match(path("/other")).probability(0.5).respond(500).build();
        assertThat(decisions(compile(7, coinFlip("r"), other), 200))
                .isEqualTo(decisions(compile(7, other, coinFlip("r")), 200));
    }

    @Test
    void aRuleThatDoesNotFireLetsTheNextDecide() {
        RuleSet rules = compile(7, rule("never").probability(0).respond(500).build(), rule("always").respond(503).build());
        assertThat(decisions(rules, 3)).containsExactly("always", "always", "always");
    }

    @Test
    void firstLimitsTheFaultToTheFirstMatchingRequestsOfThePhase() {
        RuleSet rules = compile(7, rule("r").first(3).respond(503).build());
        assertThat(decisions(rules, 5)).containsExactly("r", "r", "r", "-", "-");
        RuleSet nextPhase = compile(7, rule("r").first(3).respond(503).build());
        assertThat(decisions(nextPhase, 1)).containsExactly("r");
    }

    @Test
    void firstPerClientCountsEachClientSeparately() {
        RuleSet rules = compile(7, rule("r").firstPerClient(2).respond(503).build());
        List<String> decided = new ArrayList<>();
        for (int client : new int[] {0, 0, 0, 1, 1, 1}) {
            CompiledRule rule = rules.select(TestRequest.get("/charge").fromClient(client));
            decided.add(rule == null ? "-" : rule.id());
        }
        assertThat(decided).containsExactly("r", "r", "-", "r", "r", "-");
    }

    @Test
    void firstCountsMatchingRequestsBeforeTheProbabilityDraw() {
        List<String> decided = decisions(compile(7, rule("r").first(10).probability(0.5).respond(503).build()), 100);
        assertThat(decided.subList(10, 100)).containsOnly("-");
        assertThat(decided.subList(0, 10)).contains("r", "-");
    }

    @Test
    void firesAreCounted() {
        LongAdder fires = new LongAdder();
        RuleSet rules = RuleSet.compile("u", "p", List.of(rule("r").first(2).respond(503).build()), 1, 7,
                RunClock.startingNow(), id -> fires);
        decisions(rules, 5);
        assertThat(fires.sum()).isEqualTo(2);
    }

    @Test
    void aRespondRuleCarriesItsPreparedResponse() {
        RuleSet rules = compile(7, rule("r").respond(Respond.of(503, java.util.Map.of("Retry-After", "2"), "busy")).build());
        CompiledRule rule = rules.select(TestRequest.get("/charge"));
        assertThat(rule.effectName()).isEqualTo("respond");
        PreparedResponse response = ((Effect.Respond) rule.effect()).response();
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.retryAfter()).isEqualTo("2");
        assertThat(response.bodyLength()).isEqualTo(4);
        assertThat(rule.drawDelayNanos()).isEqualTo(-1);
    }

    @Test
    void aDelayAloneIsTheDelayEffect() {
        CompiledRule rule = compile(7, rule("r").delay(Duration.ofMillis(250)).build()).select(TestRequest.get("/"));
        assertThat(rule.effectName()).isEqualTo("delay");
        assertThat(rule.effect()).isInstanceOf(Effect.PassToRoute.class);
        assertThat(rule.drawDelayNanos()).isEqualTo(250_000_000L);
    }

    @Test
    void aDownRuleWithATriggerIsRefusedBecauseDownIsForTheWholePhase() {
        FaultRule down = rule("outage/payments[0]").match(path("/charge")).action(new FaultAction.Down()).build();
        assertThatThrownBy(() -> compile(7, down))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault rule outage/payments[0]: down: true takes no match, probability, first or delay"
                        + " (the upstream stops listening for the whole phase)");
        assertThat(compile(7, rule("r").action(new FaultAction.Down()).build()).down()).isNotNull();
        assertThat(compile(7, coinFlip("r")).down()).isNull();
    }

    @Test
    void aRateLimitRuleFiresOnlyForTheRequestsItRefuses() {
        LongAdder fires = new LongAdder();
        FaultRule limit = rule("r").action(new FaultAction.RateLimit(3, Duration.ofHours(1),
                new RateLimitKey.Global(), RateLimitAlgorithm.FIXED_WINDOW, List.of())).build();
        RuleSet rules = RuleSet.compile("u", "p", List.of(limit), 1, 7, RunClock.startingNow(), id -> fires);
        assertThat(decisions(rules, 5)).containsExactly("-", "-", "-", "r", "r");
        assertThat(fires.sum()).isEqualTo(2);
    }

    @Test
    void twoRulesWithOneIdAreRefused() {
        assertThatThrownBy(() -> compile(7, coinFlip("r"), coinFlip("r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phase outage gives upstream payments two fault rules with id r");
    }

    @Test
    void specsDslBuildsRulesWithTheIdAsSeedKey() {
        assertThat(Specs.rule("x").respond(500).build().seedKey()).isEqualTo("x");
    }
}
