package dev.faultline.cli;

import dev.faultline.load.RealServer;
import dev.faultline.proxy.CurlRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code faultline serve} with a proxy upstream is a standing fault proxy in front of a real nginx:
 * traffic passes through untouched, the control API switches a phase's faults on the real traffic
 * and off again, and the journal it serves keeps nginx's status beside what curl saw.
 */
class ServeProxyAcceptanceTest {
    @TempDir
    Path dir;

    private Path nginxDir;
    private RealServer nginx;
    private CliRunner cli;
    private CompletableFuture<Integer> serving;

    @AfterEach
    void stop() throws Exception {
        if (cli != null) {
            cli.context.abortCurrent("test over");
            serving.get(20, TimeUnit.SECONDS);
        }
        if (nginx != null) {
            nginx.close();
        }
        if (nginxDir != null) {
            try (var files = Files.walk(nginxDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    /** curl's exit code, and its output followed by a line with the status code. */
    private static String[] curl(String... args) throws Exception {
        String[] withStatus = new String[args.length + 2];
        withStatus[0] = "-w";
        withStatus[1] = "\n%{http_code}";
        System.arraycopy(args, 0, withStatus, 2, args.length);
        CurlRun run = CurlRun.of(withStatus);
        return new String[]{String.valueOf(run.exit()), run.out()};
    }

    @Test
    void serveIsAStandingFaultProxySwitchedByTheControlApi() throws Exception {
        nginxDir = Files.createTempDirectory("faultline-serve-proxy-");
        nginx = RealServer.nginxServer(nginxDir, "location = /charge { return 200 \"charged by nginx\\n\"; }");
        Files.writeString(dir.resolve("proxy.yaml"), """
                name: payments behind a fault proxy
                upstreams:
                  payments:
                    proxy: ${env.PAYMENTS_URL}
                phases:
                  - name: pass-through
                    duration: 1h
                  - name: cut
                    duration: 1h
                    faults:
                      payments:
                        - body: {truncate-after: 0}
                """);
        cli = new CliRunner(dir, Map.of("PAYMENTS_URL", nginx.url()));
        serving = CompletableFuture.supplyAsync(() -> cli.run("serve", "proxy.yaml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> cli.out().contains("control API: ") || serving.isDone());
        assertThat(serving.isDone()).as(cli.err()).isFalse();
        String banner = cli.out();
        assertThat(banner).contains("(forwarding unrouted requests to " + nginx.url() + ")");
        String upstream = find(banner, "upstream payments: (http://127\\.0\\.0\\.1:\\d+)");
        String api = find(banner, "control API: (http://127\\.0\\.0\\.1:\\d+)");

        assertThat(curl(upstream + "/charge")).containsExactly("0", "charged by nginx\n\n200");

        assertThat(curl("-X", "POST", api + "/phase/cut")[0]).isEqualTo("0");
        String[] cut = curl("-i", upstream + "/charge");
        assertThat(cut[0]).as("the body cut after nginx's status and headers").isEqualTo("18");
        assertThat(cut[1]).startsWith("HTTP/1.1 200").contains("Content-Length: 17").doesNotContain("charged");

        assertThat(curl("-X", "POST", api + "/phase/pass-through")[0]).isEqualTo("0");
        assertThat(curl(upstream + "/charge")).containsExactly("0", "charged by nginx\n\n200");

        String journal = curl(api + "/journal?upstream=payments")[1];
        assertThat(journal).contains("\"effect\":\"proxy\",\"status\":200,\"bytesSent\":17")
                .contains("\"rule\":\"cut/payments[0]\",\"effect\":\"truncate\",\"status\":200,\"bytesSent\":0")
                .contains("\"dependency\":{\"status\":200");
    }
}
