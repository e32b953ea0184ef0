package dev.faultline.upstream.internal;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import static dev.faultline.upstream.Specs.rule;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every random draw a rule makes (the probability draw, the delay, the garbage bytes) comes from
 * the rule's own streams, so the same seed and the same request order give the same decisions rule
 * by rule, and a rule added to the phase leaves the others' draws where they were.
 */
class ReproducibilityTest {
    private static final int REQUESTS = 300;

    /** A coin flip with a uniform delay. */
    private static final FaultRule COIN = rule("coin").probability(0.5)
            .delay(new Delay.Uniform(Duration.ZERO, Duration.ofSeconds(1))).respond(503).build();
    /** Garbage half the time, after a normal delay. */
    private static final FaultRule NOISE = rule("noise").probability(0.5)
            .delay(new Delay.Normal(Duration.ofMillis(100), Duration.ofMillis(30))).action(new FaultAction.GarbageBody()).build();
    /** Another rule that draws from all the same kinds of stream, placed first. */
    private static final FaultRule ADDED = rule("added").probability(0.3)
            .delay(new Delay.LogNormal(Duration.ofMillis(50), 0.5)).action(new FaultAction.GarbageBody()).build();

    /**
     * What each rule decided for the requests that reached it, in order: {@code "-"} when it let the
     * request pass, else the delay it drew and the garbage bytes it drew (their hash).
     */
    private static Map<String, List<String>> transcript(long seed, FaultRule... rules) {
        RuleSet set = RuleSet.compile("payments", "chaos", List.of(rules), 1, seed, RunClock.startingNow(), id -> new LongAdder());
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        for (FaultRule rule : rules) {
            byRule.put(rule.id(), new ArrayList<>());
        }
        for (int i = 0; i < REQUESTS; i++) {
            // The same steps, in the same order, as the exchange: select, then draw the delay, then the garbage.
            CompiledRule fired = set.select(TestRequest.get("/charge"));
            for (FaultRule rule : rules) {
                if (fired != null && rule.id().equals(fired.id())) {
                    long delay = fired.drawDelayNanos();
                    byte[] garbage = new byte[64];
                    if (fired.effect() instanceof Effect.Garbage noise) {
                        noise.draw(garbage);
                    }
                    byRule.get(rule.id()).add(delay + "/" + Arrays.hashCode(garbage));
                    break;
                }
                byRule.get(rule.id()).add("-");
            }
        }
        return byRule;
    }

    @Test
    void theSameSeedAndRequestOrderGiveTheSameDecisionsDelaysAndGarbageRuleByRule() {
        Map<String, List<String>> first = transcript(7, COIN, NOISE);
        assertThat(first.get("coin")).contains("-").anyMatch(decision -> !decision.equals("-"));
        assertThat(first.get("noise")).contains("-").anyMatch(decision -> !decision.equals("-"));
        assertThat(transcript(7, COIN, NOISE)).isEqualTo(first);
    }

    @Test
    void aDifferentSeedGivesEveryRuleDifferentDraws() {
        Map<String, List<String>> seven = transcript(7, COIN, NOISE);
        Map<String, List<String>> eight = transcript(8, COIN, NOISE);
        assertThat(eight.get("coin")).isNotEqualTo(seven.get("coin"));
        assertThat(eight.get("noise")).isNotEqualTo(seven.get("noise"));
    }

    @Test
    void aRuleAddedInFrontLeavesTheOthersProbabilityDelayAndGarbageDrawsInOrder() {
        Map<String, List<String>> alone = transcript(7, COIN, NOISE);
        Map<String, List<String>> withAdded = transcript(7, ADDED, COIN, NOISE);
        assertThat(withAdded.get("added")).anyMatch(decision -> !decision.equals("-"));
        for (String id : List.of("coin", "noise")) {
            List<String> reached = withAdded.get(id);
            assertThat(reached).as("requests that reached %s", id).hasSizeLessThan(REQUESTS).isNotEmpty();
            assertThat(reached).as("what %s decided", id).isEqualTo(alone.get(id).subList(0, reached.size()));
        }
    }

    @Test
    void garbageBytesOfOneRequestComeFromItsPlaceInTheRulesStream() {
        SeededStream stream = SeededStream.derive(7, "payments", "noise", "garbage");
        byte[] first = new byte[20];
        byte[] second = new byte[20];
        stream.nextBytes(first);
        stream.nextBytes(second);
        // 20 bytes take three positions of eight bytes each; the second request starts at the fourth.
        assertThat(stream.drawn()).isEqualTo(6);
        SeededStream replay = SeededStream.derive(7, "payments", "noise", "garbage");
        replay.claim(3);
        byte[] again = new byte[20];
        replay.nextBytes(again);
        assertThat(again).isEqualTo(second).isNotEqualTo(first);
    }
}
