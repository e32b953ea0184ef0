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
