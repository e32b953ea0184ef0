package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code faultline serve}: the fake upstreams alone, steered through the control API. */
class ServeAcceptanceTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private CliRunner cli;
    private CompletableFuture<Integer> serving;

    @AfterEach
    void stop() throws Exception {
        if (cli != null) {
            cli.context.abortCurrent("test over");
            serving.get();
        }
    }

    private String serve(String... extra) throws Exception {
        Files.writeString(dir.resolve("serve.yaml"), """
                name: payments for staging
                seed: 3
                upstreams:
                  payments:
                    routes:
                      - match: {path: /charge}
                        respond: {status: 200, body: charged}
                phases:
                  - {name: steady, duration: 300ms}
                  - name: outage
                    duration: 1s
                    faults:
                      payments:
                        - respond: {status: 503, headers: {Retry-After: "2"}}
                """);
        cli = new CliRunner(dir);
        String[] args = new String[2 + extra.length];
        args[0] = "serve";
        args[1] = "serve.yaml";
        System.arraycopy(extra, 0, args, 2, extra.length);
        serving = CompletableFuture.supplyAsync(() -> cli.run(args));
        await().atMost(Duration.ofSeconds(20)).until(() -> cli.out().contains("control API: ") || serving.isDone());
        assertThat(serving.isDone()).as(cli.err()).isFalse();
        return cli.out();
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(String method, String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void servePlaysThePhasesHoldsTheLastAndObeysTheControlApi() throws Exception {
        String banner = serve("--journal", "journal.jsonl");
        String upstream = find(banner, "upstream payments: (http://127\\.0\\.0\\.1:\\d+)");
        String control = find(banner, "control API: (http://127\\.0\\.0\\.1:\\d+)");

        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", control + "/status")).at("/phase/name").asText().equals("outage"));
        JsonNode status = json(send("GET", control + "/status"));
        assertThat(status.get("timeline").asText()).isEqualTo("holding the last phase");
        assertThat(status.get("seed").asLong()).isEqualTo(3);
        HttpResponse<String> failing = send("POST", upstream + "/charge");
        assertThat(failing.statusCode()).isEqualTo(503);
        assertThat(failing.headers().firstValue("Retry-After")).hasValue("2");

        HttpResponse<String> switched = send("POST", control + "/phase/steady");
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(json(switched).get("timeline").asText()).isEqualTo("held by the control API");
        assertThat(send("POST", upstream + "/charge").body()).isEqualTo("charged");

        // An exchange is journaled when the write of its response completes, a moment after the client has read it.
        await().atMost(Duration.ofSeconds(5)).until(() -> send("GET", control + "/journal?upstream=payments").body().lines()
                .filter(l -> l.contains("\"upstream-request\"")).count() == 2);
        HttpResponse<String> journal = send("GET", control + "/journal?upstream=payments");
        assertThat(journal.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(journal.body().lines().filter(l -> l.contains("\"upstream-request\""))).hasSize(2);
        assertThat(json(send("GET", control + "/status")).at("/upstreams/0/byStatus/503").asLong()).isEqualTo(1);

        HttpResponse<String> reset = send("POST", control + "/reset");
        assertThat(json(reset).at("/upstreams/0/requests").asLong()).isZero();
        assertThat(send("GET", control + "/journal?upstream=payments").body().lines()
                .filter(l -> l.contains("\"upstream-request\""))).isEmpty();

        HttpResponse<String> unknown = send("POST", control + "/phase/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("no phase named \"nope\" (phases: steady, outage)");

        send("POST", upstream + "/charge");
        cli.context.abortCurrent("test");
        assertThat(serving.get()).isEqualTo(ExitCodes.HELD);
        assertThat(Files.readString(dir.resolve("journal.jsonl")).lines().filter(l -> l.contains("\"upstream-request\"")))
                .as("only what came after the reset").hasSize(1);
        cli = null;
    }

    @Test
    void aTokenIsRequiredOnEveryControlRequestWhenGiven() throws Exception {
        String control = find(serve("--control-token", "s3cret"), "control API: (http://127\\.0\\.0\\.1:\\d+)");

        assertThat(send("GET", control + "/status").statusCode()).isEqualTo(401);
        assertThat(send("GET", control + "/status", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", control + "/status", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void underRequestsWith2KbPathsServesJournalStaysWithinItsByteBoundKeepingTheNewest() throws Exception {
        // The bug: the journal was bounded by a count only, so 2 KB paths grew it to gigabytes in a minute.
        String banner = serve("--journal-max-bytes", "500000");
        String upstream = find(banner, "upstream payments: (http://127\\.0\\.0\\.1:\\d+)");
        String control = find(banner, "control API: (http://127\\.0\\.0\\.1:\\d+)");
        String padding = "p".repeat(2_048);
        for (int i = 0; i < 1_000; i++) {
            send("GET", upstream + "/" + i + "/" + padding);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", control + "/status"))
                .at("/upstreams/0/requests").asLong() == 1_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            JsonNode journal = json(send("GET", control + "/status")).get("journal");
            return journal.get("events").asLong() + journal.get("evicted").asLong() >= 1_002; // and two phase-started
        });

        JsonNode journal = json(send("GET", control + "/status")).get("journal");
        assertThat(journal.get("bytes").asLong()).isLessThanOrEqualTo(500_000);
        assertThat(journal.get("maxBytes").asLong()).isEqualTo(500_000);
        assertThat(journal.get("events").asLong()).as("about 500000 / 2300 events").isBetween(150L, 250L);
        assertThat(journal.get("evicted").asLong()).isGreaterThan(700);
        List<String> kept = send("GET", control + "/journal?upstream=payments").body().lines()
                .filter(l -> l.contains("\"upstream-request\"")).toList();
        assertThat(kept.get(kept.size() - 1)).as("the newest request is kept").contains("\"path\":\"/999/");
    }

    @Test
    void theJournalIsReadInPagesWithACursorThatSaysWhatWasEvictedInBetween() throws Exception {
        String banner = serve("--journal-max-bytes", "100000");
        String upstream = find(banner, "upstream payments: (http://127\\.0\\.0\\.1:\\d+)");
        String control = find(banner, "control API: (http://127\\.0\\.0\\.1:\\d+)");
        for (int i = 0; i < 10; i++) {
            send("GET", upstream + "/small/" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", control + "/journal?upstream=payments").body()
                .lines().filter(l -> l.contains("/small/")).count() == 10);

        HttpResponse<String> first = send("GET", control + "/journal?upstream=payments&limit=4");
        assertThat(first.body().lines()).hasSize(4);
        assertThat(first.headers().firstValue("Faultline-Journal-More")).hasValue("true");
        assertThat(first.headers().firstValue("Transfer-Encoding")).as("streamed, not built whole").hasValue("chunked");
        String next = first.headers().firstValue("Faultline-Journal-Next").orElseThrow();
        HttpResponse<String> second = send("GET", control + "/journal?upstream=payments&limit=100&after=" + next);
        assertThat(second.headers().firstValue("Faultline-Journal-More")).hasValue("false");
        assertThat(second.headers().firstValue("Faultline-Journal-Missed")).hasValue("0");
        List<String> all = new java.util.ArrayList<>(first.body().lines().toList());
        all.addAll(second.body().lines().toList());
        assertThat(all.stream().filter(l -> l.contains("/small/"))).hasSize(10).doesNotHaveDuplicates();

        String cursor = second.headers().firstValue("Faultline-Journal-Next").orElseThrow();
        String padding = "p".repeat(2_048);
        for (int i = 0; i < 100; i++) {
            send("GET", upstream + "/big/" + i + "/" + padding);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", control + "/status"))
                .at("/upstreams/0/requests").asLong() == 110);
        await().atMost(Duration.ofSeconds(5)).until(() -> send("GET", control + "/journal?after=" + cursor).body()
                .contains("/big/99/"));
        HttpResponse<String> late = send("GET", control + "/journal?after=" + cursor);
        assertThat(Long.parseLong(late.headers().firstValue("Faultline-Journal-Missed").orElseThrow()))
                .as("events evicted before this reader came back").isGreaterThan(50);
        assertThat(send("GET", control + "/journal?limit=0").statusCode()).isEqualTo(400);
        assertThat(send("GET", control + "/journal?limit=0").body()).contains("limit=0 is not valid (expected a number of events of at least 1");
    }

    @Test
    void aControlApiReachableFromOtherMachinesNeedsAToken() throws Exception {
        Files.writeString(dir.resolve("serve.yaml"), """
                name: open
                upstreams:
                  api: {routes: [{respond: {status: 200}}]}
                phases: [{name: only, duration: 1s}]
                """);
        CliRunner open = new CliRunner(dir);

        int code = open.run("serve", "serve.yaml", "--control-host", "0.0.0.0");

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(open.err()).contains("the control API on 0.0.0.0 is reachable from other machines;"
                + " give it a token (--control-token) or bind it to 127.0.0.1");
    }
}
