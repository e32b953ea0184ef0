package dev.faultline.bench;

import dev.faultline.journal.RunClock;
import dev.faultline.upstream.internal.CompiledRule;
import dev.faultline.upstream.internal.RuleSet;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One delay draw per request, for each distribution of the scenario format.
 *
 * <p>{@link #drawThroughRule()} is what the request path pays: claiming two positions of the rule's
 * seeded stream (one atomic add), mixing them into two uniform variates, and shaping those into a
 * delay. {@link #shapeOnly()} is the shaping alone, from variates drawn in advance, so the
 * difference is the seeded stream's share. {@link #baseline()} only reads the next pair of
 * variates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DelayDrawBenchmark {
    private static final int UNITS = 1024;

    @Param({"fixed", "uniform", "normal", "lognormal", "pareto"})
    public String distribution;

    private Delay delay;
    private CompiledRule rule;
    private double[] units;
    private int next;

    @Setup
    public void setUp() {
        delay = switch (distribution) {
            case "fixed" -> new Delay.Fixed(Duration.ofMillis(200));
            case "uniform" -> new Delay.Uniform(Duration.ofMillis(50), Duration.ofMillis(300));
            case "normal" -> new Delay.Normal(Duration.ofMillis(100), Duration.ofMillis(20));
            case "lognormal" -> new Delay.LogNormal(Duration.ofMillis(80), 0.5);
            case "pareto" -> new Delay.Pareto(Duration.ofMillis(20), 1.5);
            default -> throw new IllegalArgumentException("no delay distribution named " + distribution);
        };
        FaultRule slow = new FaultRule("slow/bench[0]", "slow", RequestMatch.ANY, 1.0, 0, false, delay,
                new FaultAction.RespondWith(Respond.status(200)));
        rule = RuleSet.compile("bench", "slow", List.of(slow), 1, 7, RunClock.startingNow(), id -> new LongAdder())
                .select(BenchRequest.of("GET", "/", null));
        SplittableRandom random = new SplittableRandom(42);
        units = new double[UNITS];
        for (int i = 0; i < UNITS; i++) {
            units[i] = random.nextDouble();
        }
        next = 0;
    }

    @Benchmark
    public double baseline() {
        int i = next++ & (UNITS - 2);
        return units[i] + units[i + 1];
    }

    @Benchmark
    public long shapeOnly() {
        int i = next++ & (UNITS - 2);
        return delay.sampleNanos(units[i], units[i + 1]);
    }

    @Benchmark
    public long drawThroughRule() {
        return rule.drawDelayNanos();
    }
}
