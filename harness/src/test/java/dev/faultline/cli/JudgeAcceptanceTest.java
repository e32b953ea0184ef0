package dev.faultline.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code faultline judge} over two {@code faultline serve}s, as two pods behind a Service: curl sends each
 * call's first attempt to one and its retry to the other, so only the merged journals see the retries.
 */
class JudgeAcceptanceTest {
    @TempDir
    Path dir;

    private final List<CliRunner> serves = new ArrayList<>();
    private final List<CompletableFuture<Integer>> serving = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = 0; i < serves.size(); i++) {
            serves.get(i).context.abortCurrent("test over");
            serving.get(i).get(20, TimeUnit.SECONDS);
        }
    }

    private static final String SCENARIO = """
            name: payments behind two pods
            seed: 3
            upstreams:
              payments:
                routes:
                  - match: {path: /charge}
                    respond: {status: 200, body: charged}
            phases:
              - name: outage
                duration: 1s
                faults:
                  payments:
                    - respond: {status: 503}
            expect:
              retries:
                upstream: payments
                during: outage
                by: header:X-Request-Id
                max-attempts-per-call: 1
            """;

    /** Starts a serve; returns its upstream URL and control URL. */
    private String[] serve(String token) throws Exception {
        CliRunner cli = new CliRunner(dir);
        List<String> args = new ArrayList<>(List.of("serve", "pods.yaml"));
        if (token != null) {
            args.addAll(List.of("--control-token", token));
        }
        serves.add(cli);
        serving.add(CompletableFuture.supplyAsync(() -> cli.run(args.toArray(String[]::new))));
        await().atMost(Duration.ofSeconds(20)).until(() -> cli.out().contains("control API: ") || serving.get(serving.size() - 1).isDone());
        return new String[] {find(cli.out(), "upstream payments: (http://\\S+)"), find(cli.out(), "control API: (http://\\S+)")};
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static void curl(String url, String requestId) throws Exception {
        Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-X", "POST", "-H", "X-Request-Id: " + requestId, url + "/charge")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static long requestsIn(String control, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(control + "/journal"));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString()).body().lines()
                .filter(l -> l.contains("\"upstream-request\"")).count();
    }

    @Test
    void retriesThatTheServiceSpreadOverTwoPodsAreSeenOnlyInTheirMergedJournals() throws Exception {
        Files.writeString(dir.resolve("pods.yaml"), SCENARIO);
        String[] a = serve("s3cret");
        String[] b = serve("s3cret");
        for (int call = 0; call < 4; call++) {
            curl(a[0], "call-" + call);
            curl(b[0], "call-" + call);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsIn(a[1], "s3cret") == 4 && requestsIn(b[1], "s3cret") == 4);

        CliRunner one = new CliRunner(dir);
        int alone = one.run("judge", "pods.yaml", "--journal", a[1], "--control-token", "s3cret");
        CliRunner both = new CliRunner(dir);
        int merged = both.run("judge", "pods.yaml", "--journal", a[1], b[1], "--control-token", "s3cret",
                "--merged-journal", "merged.jsonl");

        assertThat(alone).as(one.out() + one.err()).isEqualTo(ExitCodes.HELD);
        assertThat(one.out()).contains("PASS  retries.max-attempts-per-call  1 attempt");
        assertThat(merged).as(both.out() + both.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(both.out()).contains("FAIL  retries.max-attempts-per-call  2 attempts");
        List<String> lines = Files.readAllLines(dir.resolve("merged.jsonl"));
        assertThat(lines.stream().filter(l -> l.contains("\"upstream-request\"") && l.contains("\"pod\":\"" + a[1] + "\""))).hasSize(4);
        assertThat(lines.stream().filter(l -> l.contains("\"upstream-request\"") && l.contains("\"pod\":\"" + b[1] + "\""))).hasSize(4);
        assertThat(lines.stream().filter(l -> l.contains("\"phase-started\""))).hasSize(1);

        CliRunner again = new CliRunner(dir);
        assertThat(again.run("judge", "pods.yaml", "--journal", "merged.jsonl")).as(again.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.out()).contains("FAIL  retries.max-attempts-per-call  2 attempts");
    }

    @Test
    void aJournalReadPageByPageIsTheWholeJournal() throws Exception {
        Files.writeString(dir.resolve("pods.yaml"), SCENARIO);
        String[] a = serve(null);
        for (int call = 0; call < 7; call++) {
            curl(a[0], "call-" + call);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsIn(a[1], null) == 7);

        JournalSources.Read paged = JournalSources.read(a[1], dir, null, 3);
        JournalSources.Read whole = JournalSources.read(a[1], dir, null, 1000);

        assertThat(paged.events()).hasSize(8).isEqualTo(whole.events());
        assertThat(paged.evicted()).isZero();
    }

    @Test
    void aControlApiThatRefusesTheTokenIsAnErrorThatSaysHowToGiveIt() throws Exception {
        Files.writeString(dir.resolve("pods.yaml"), SCENARIO);
        String[] a = serve("right");
        CliRunner cli = new CliRunner(dir);

        int code = cli.run("judge", "pods.yaml", "--journal", a[1], "--control-token", "wrong");

        assertThat(code).isEqualTo(ExitCodes.ERROR);
        assertThat(cli.err()).contains("answered 401").contains("--control-token or FAULTLINE_CONTROL_TOKEN");
    }
}
