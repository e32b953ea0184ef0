import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The same open-loop schedule as faultline's driver, sent with the JDK's HttpClient (sendAsync,
 * HTTP/1.1): the comparison behind choosing OkHttp. Prints achieved rate, send lag (at dispatch),
 * latency from the intended send time and CPU time, after a warm-up run at the same rate.
 *
 * <p>Run: java benchmarks/load/JdkClientLoad.java URL RATE SECONDS [WARMUP_SECONDS]
 */
public class JdkClientLoad {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        double rate = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jdk-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        if (warmup > 0) {
            run(client, url, rate, warmup);
        }
        System.out.println(run(client, url, rate, seconds));
        System.exit(0);
    }

    static String run(HttpClient client, String url, double rate, double seconds) throws InterruptedException {
        int n = (int) (rate * seconds);
        double interval = 1e9 / rate;
        long[] latency = new long[n];
        long[] lag = new long[n];
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < n; i++) {
            long due = start + (long) (i * interval);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            lag[i] = System.nanoTime() - due;
            int k = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latency[k] = System.nanoTime() - due;
                if (failure != null) {
                    failed.incrementAndGet();
                }
                done.incrementAndGet();
            });
        }
        long deadline = start + (long) (seconds * 1e9) + 10_000_000_000L;
        while (done.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long cpu = cpuNanos() - cpuBefore;
        Arrays.sort(lag);
        long[] finished = Arrays.copyOf(latency, n);
        Arrays.sort(finished);
        return String.format(Locale.ROOT, "jdk-httpclient\t%.0f/s\tsent %d\tdone %d\tfailed %d\tlag p99 %.3f ms max %.3f ms"
                        + "\tlatency p50 %.3f p99 %.3f max %.3f ms\tcpu %.2f s", rate, n, done.get(), failed.get(),
                lag[(int) (n * 0.99)] / 1e6, lag[n - 1] / 1e6, finished[n / 2] / 1e6, finished[(int) (n * 0.99)] / 1e6,
                finished[n - 1] / 1e6, cpu / 1e9);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
