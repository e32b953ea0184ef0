import dev.faultline.analysis.LoadStats;
import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.load.LoadDriver;
import dev.faultline.load.LoadPlan;
import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.Rate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Drives faultline's load driver alone at one rate against one url and prints what it achieved:
 * asked and sent requests, achieved rate, send lag against the schedule, latency percentiles from
 * the intended send time and from the actual send, outcomes, and the driver's CPU time.
 *
 * <p>Run (from the repository root, after building harness/target/faultline-[0-9]*.jar):
 * {@code java -cp harness/target/faultline-[0-9]*.jar benchmarks/load/LoadAccuracy.java URL RATE SECONDS [WARMUP_SECONDS]}
 * Prints one tab-separated line (see HEADER) after a warm-up run at the same rate whose numbers are
 * discarded.
 */
public class LoadAccuracy {
    static final String HEADER = "rate\tseconds\tasked\tsent\tachieved/s\terror%\tlag_p50_ms\tlag_p99_ms\tlag_max_ms"
            + "\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tsend_p50_ms\tsend_p99_ms\tok\toutcomes\tcpu_s\tlate10%\tcpu_us_per_request";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LoadAccuracy URL RATE SECONDS [WARMUP_SECONDS]");
            System.exit(2);
        }
        String url = args[0];
        double rate = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        if (warmup > 0) {
            run(url, rate, warmup);
        }
        if (System.getenv("HEADER") != null) {
            System.out.println(HEADER);
        }
        System.out.println(run(url, rate, seconds));
    }

    static String run(String url, double rate, double seconds) throws InterruptedException {
        java.net.URI uri = java.net.URI.create(url);
        String base = uri.getScheme() + "://" + uri.getAuthority();
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        LoadSpec spec = new LoadSpec(List.of(new LoadSpec.RateStep(Duration.ZERO, new Rate(rate))),
                List.of(new LoadSpec.LoadRequest("GET", path, Map.of(), Optional.empty(), 1)), List.of(), Duration.ofSeconds(5));
        Journal journal = new Journal(Journal.DEFAULT_CAPACITY * 2);
        RunClock clock = RunClock.startingNow();
        Duration length = Duration.ofNanos((long) (seconds * 1e9));
        LoadPlan plan = LoadPlan.of(spec, List.of(base), 1);
        LoadDriver driver = LoadDriver.prepare(plan, clock, journal);
        long cpuBefore = cpuNanos();
        long origin = clock.nanos() + 100_000_000L;
        driver.start(origin, length);
        Thread.sleep(Math.max(0, (origin + length.toNanos() - clock.nanos()) / 1_000_000));
        driver.stop(Duration.ofSeconds(5));
        long cpu = cpuNanos() - cpuBefore;
        List<dev.faultline.journal.LoadResult> results = LoadStats.results(journal.snapshot());
        LoadStats s = LoadStats.of("run", seconds, results);
        // The lag goal: the share of requests sent more than 10 ms after their intended time.
        long late = results.stream().filter(r -> r.lagNanos() > 10_000_000L).count();
        double asked = plan.asked(length);
        long sent = s.requests() + s.cancelled();
        return String.join("\t", fmt(rate), fmt(seconds), fmt(asked), String.valueOf(sent), fmt(sent / seconds),
                fmt(100 * (sent - asked) / asked), ms(s.lag().p50Nanos()), ms(s.lag().p99Nanos()), ms(s.lag().maxNanos()),
                ms(s.latency().p50Nanos()), ms(s.latency().p90Nanos()), ms(s.latency().p99Nanos()), ms(s.latency().maxNanos()),
                ms(s.latencyFromSend().p50Nanos()), ms(s.latencyFromSend().p99Nanos()), String.valueOf(s.succeeded()),
                s.outcomes().toString().replace(" ", ""), fmt(cpu / 1e9),
                fmt(results.isEmpty() ? 0 : 100.0 * late / results.size()), fmt(sent == 0 ? 0 : cpu / 1e3 / sent));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
