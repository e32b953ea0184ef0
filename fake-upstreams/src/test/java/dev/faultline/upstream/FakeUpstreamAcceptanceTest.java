package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.Delay;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.UpstreamSpec;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.request;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A fake upstream on a real port, driven by OkHttp and by hand-written HTTP/1.1. */
class FakeUpstreamAcceptanceTest {
    private static final long MS = 1_000_000L;
    /** Generous: this is a slow, shared 2-core machine. */
    private static final long LATE_MARGIN_NANOS = 2_000 * MS;

    private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    @AfterAll
    static void releaseClient() {
        HTTP.dispatcher().executorService().shutdown();
        HTTP.connectionPool().evictAll();
    }

    private record Answer(int status, String body, Map<String, List<String>> headers, long elapsedNanos) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private static Answer call(Request request) throws IOException {
        long start = System.nanoTime();
        try (Response response = HTTP.newCall(request).execute()) {
            String body = response.body().string();
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            response.headers().toMultimap().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            return new Answer(response.code(), body, headers, System.nanoTime() - start);
        }
    }

    private static Answer get(String url, String... headerPairs) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return call(request.build());
    }

    private static Answer post(String url, String body) throws IOException {
        return call(new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get("text/plain"))).build());
    }

    @Test
    void aRouteAnswersWithItsStatusHeadersAndBody() throws IOException {
        UpstreamSpec spec = upstream("catalog", route(path("/hello"),
                Respond.of(201, Map.of("Content-Type", "application/json", "X-Flavour", "vanilla"), "{\"ok\":true}")));
        try (RunningUpstream u = RunningUpstream.start(spec)) {
            Answer answer = get(u.url("/hello"));
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("X-Flavour")).isEqualTo("vanilla");
            assertThat(answer.header("Content-Type")).isEqualTo("application/json");
            assertThat(answer.body()).isEqualTo("{\"ok\":true}");
            assertThat(answer.header("Server")).isNull();
        }
    }

    @Test
    void routesMatchOnMethodGlobsHeadersAndQuery() throws IOException {
        UpstreamSpec spec = upstream("catalog",
                route(request("POST", "/orders"), 201, "created"),
                route(path("/users/*"), 200, "one user"),
                route(path("/files/**"), 200, "a file"),
                route(new RequestMatch(null, PathPattern.of("/tenant"), Map.of("X-Tenant", "acme"), Map.of()), 200, "acme"),
                route(new RequestMatch(null, PathPattern.of("/search"), Map.of(), Map.of("q", "red shoes")), 200, "found"));
        try (RunningUpstream u = RunningUpstream.start(spec)) {
            assertThat(post(u.url("/orders"), "{}").body()).isEqualTo("created");
            assertThat(get(u.url("/orders")).status()).isEqualTo(404);
            assertThat(get(u.url("/users/42")).body()).isEqualTo("one user");
            assertThat(get(u.url("/users/42/orders")).status()).isEqualTo(404);
            assertThat(get(u.url("/files/a/b/c.txt")).body()).isEqualTo("a file");
            assertThat(get(u.url("/tenant"), "x-tenant", "acme").body()).isEqualTo("acme");
            assertThat(get(u.url("/tenant"), "X-Tenant", "other").status()).isEqualTo(404);
            assertThat(get(u.url("/search?page=1&q=red%20shoes")).body()).isEqualTo("found");
            assertThat(get(u.url("/search?q=blue")).status()).isEqualTo(404);
        }
    }

    @Test
    void aRequestNoRouteMatchesGets404AndIsJournalledAsNotFound() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("catalog", route(path("/a"), 200, "a")))) {
            Answer answer = get(u.url("/nowhere"));
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).contains("no route of upstream catalog");
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.effect()).isEqualTo("not-found");
            assertThat(event.rule()).isNull();
            assertThat(event.status()).isEqualTo(404);
        }
    }

    @Test
    void aFaultRuleAnswersInsteadOfTheRoute() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("outage", rule("outage/payments[0]").match(path("/charge"))
                    .respond(Respond.of(503, Map.of("Retry-After", "2"), "busy")).build());
            Answer answer = get(u.url("/charge"));
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("2");
            assertThat(answer.body()).isEqualTo("busy");
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.rule()).isEqualTo("outage/payments[0]");
            assertThat(event.effect()).isEqualTo("respond");
            assertThat(event.retryAfter()).isEqualTo("2");
        }
    }

    @Test
    void aDelayAloneHoldsTheRoutesAnswerForAtLeastTheDelay() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(300)).build());
            Answer answer = get(u.url("/charge"));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("ok");
            assertThat(answer.elapsedNanos()).isBetween(300 * MS, 300 * MS + LATE_MARGIN_NANOS);
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.effect()).isEqualTo("delay");
            assertThat(event.delayPlannedNanos()).isEqualTo(300 * MS);
            assertThat(event.delayAchievedNanos()).isBetween(300 * MS, 300 * MS + LATE_MARGIN_NANOS);
        }
    }

    @Test
    void aDelayLongerThanTheIdleTimeoutStillAnswers() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.upstream.idleTimeout(Duration.ofMillis(200));
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(700)).build());
            assertThat(get(u.url("/charge")).body()).isEqualTo("ok");
            assertThat(u.awaitOnlyRequest().outcome()).isEqualTo(Outcome.COMPLETED);
        }
    }

    @Test
    void aDelayWithRespondDelaysTheFaultAnswer() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(200)).respond(504).build());
            Answer answer = get(u.url("/charge"));
            assertThat(answer.status()).isEqualTo(504);
            assertThat(answer.elapsedNanos()).isBetween(200 * MS, 200 * MS + LATE_MARGIN_NANOS);
            assertThat(u.awaitOnlyRequest().effect()).isEqualTo("respond");
        }
    }

    @Test
    void delaysOfEveryDistributionAreDrawnInRangeAndAchieved() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/**"), 200, "ok")))) {
            u.phase("jittery",
                    rule("j[0]").match(path("/uniform")).delay(new Delay.Uniform(Duration.ofMillis(20), Duration.ofMillis(80))).build(),
                    rule("j[1]").match(path("/normal")).delay(new Delay.Normal(Duration.ofMillis(50), Duration.ofMillis(10))).build(),
                    rule("j[2]").match(path("/lognormal")).delay(new Delay.LogNormal(Duration.ofMillis(40), 0.3)).build(),
                    rule("j[3]").match(path("/pareto")).delay(new Delay.Pareto(Duration.ofMillis(10), 3.0)).build());
            List<String> paths = List.of("/uniform", "/normal", "/lognormal", "/pareto");
            for (int round = 0; round < 3; round++) {
                for (String p : paths) {
                    assertThat(get(u.url(p)).status()).isEqualTo(200);
                }
            }
            List<UpstreamRequest> events = u.awaitRequests(12);
            for (UpstreamRequest event : events) {
                long planned = event.delayPlannedNanos();
                switch (event.path()) {
                    case "/uniform" -> assertThat(planned).isBetween(20 * MS, 80 * MS);
                    case "/normal" -> assertThat(planned).isBetween(0L, 150 * MS);
                    case "/lognormal" -> assertThat(planned).isBetween(1L, 400 * MS);
                    case "/pareto" -> assertThat(planned).isBetween(10 * MS, 1_000 * MS);
                    default -> throw new AssertionError("unexpected path " + event.path());
                }
                assertThat(event.delayAchievedNanos()).as("achieved delay of %s", event.path())
                        .isBetween(planned, planned + LATE_MARGIN_NANOS);
            }
        }
    }

    @Test
    void probabilityDecisionsAreReproducibleFromTheSeed() throws IOException {
        List<Integer> first = statusesWithSeed(7);
        assertThat(first).contains(200, 503);
        assertThat(statusesWithSeed(7)).isEqualTo(first);
        assertThat(statusesWithSeed(8)).isNotEqualTo(first);
    }

    @Test
    void addingARuleBeforeAnotherLeavesTheOthersDecisionsAlone() throws IOException {
        List<Integer> alone = statusesWithSeed(7);
        // The new rule comes first and draws on every request, from its own stream; the requests it
        // leaves reach the old rule, which must decide them exactly as it decided its first ones alone.
        FaultRule added = rule("flaky/payments[new]").probability(0.5).respond(500).build();
        List<Integer> withAdded = statusesWithSeed(7, added);
        List<Integer> reachingOldRule = withAdded.stream().filter(status -> status != 500).toList();
        assertThat(withAdded).contains(500);
        assertThat(reachingOldRule).isEqualTo(alone.subList(0, reachingOldRule.size()));
    }

    private static List<Integer> statusesWithSeed(long seed, FaultRule... rulesBefore) throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")), 1, seed)) {
            List<FaultRule> rules = new ArrayList<>(List.of(rulesBefore));
            rules.add(rule("flaky/payments[0]").seedKey("flaky coin").probability(0.5).respond(503).build());
            u.upstream.enterPhase("flaky", rules);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(get(u.url("/charge")).status());
            }
            return statuses;
        }
    }

    @Test
    void theClientIsKnownFromThePortItArrivedOn() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")), 2, 7)) {
            assertThat(u.upstream.ports()).hasSize(2).doesNotHaveDuplicates();
            assertThat(u.upstream.url(1)).isEqualTo("http://127.0.0.1:" + u.upstream.ports().get(1));
            get(u.url(1, "/charge"), "X-Request-Id", "from-1");
            get(u.url(0, "/charge"), "X-Request-Id", "from-0");
            List<UpstreamRequest> events = u.awaitRequests(2);
            assertThat(events).extracting(UpstreamRequest::requestId, UpstreamRequest::client)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("from-1", 1), org.assertj.core.groups.Tuple.tuple("from-0", 0));
            assertThat(events.get(0).connectionId()).isNotEqualTo(events.get(1).connectionId());
        }
    }

    @Test
    void firstPerClientGivesEachClientItsOwnBudget() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")), 2, 7)) {
            u.phase("blip", rule("blip/payments[0]").firstPerClient(2).respond(503).build());
            List<Integer> statuses = new ArrayList<>();
            for (int client : new int[] {0, 0, 0, 1, 1, 1}) {
                statuses.add(get(u.url(client, "/charge")).status());
            }
            assertThat(statuses).containsExactly(503, 503, 200, 503, 503, 200);
        }
    }

    @Test
    void firstLimitsTheFaultToTheFirstRequestsOfEachPhase() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("blip", rule("blip/payments[0]").first(2).respond(503).build());
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(get(u.url("/charge")).status());
            }
            u.phase("blip-again", rule("blip/payments[0]").first(2).respond(503).build());
            statuses.add(get(u.url("/charge")).status());
            assertThat(statuses).containsExactly(503, 503, 200, 503);
        }
    }

    @Test
    void aPhaseSwitchTakesEffectForTheNextRequest() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            assertThat(get(u.url("/charge")).status()).isEqualTo(200);
            u.phase("outage", rule("outage/payments[0]").respond(503).build());
            assertThat(get(u.url("/charge")).status()).isEqualTo(503);
            u.phase("recovery");
            assertThat(get(u.url("/charge")).status()).isEqualTo(200);
        }
    }

    @Test
    void aPhaseWithABadRuleIsRefusedAndThePreviousPhaseStays() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("outage", rule("outage/payments[0]").respond(503).build());
            assertThatThrownBy(() -> u.phase("down", rule("down/payments[0]").match(path("/charge"))
                    .action(new FaultAction.Down()).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("fault rule down/payments[0]: down: true takes no match");
            assertThat(get(u.url("/charge")).status()).isEqualTo(503);
        }
    }

    @Test
    void theJournalRecordsChainHeadersStatusBytesAndTiming() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "0123456789")))) {
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(100)).build());
            long before = u.clock.nanos();
            get(u.url("/charge?amount=5"), "X-Request-Id", "req-1",
                    "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "Idempotency-Key", "idem-1");
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.atNanos()).isBetween(before, u.clock.nanos());
            assertThat(event.endNanos()).isGreaterThanOrEqualTo(event.atNanos() + 100 * MS);
            assertThat(event.upstream()).isEqualTo("payments");
            assertThat(event.client()).isZero();
            assertThat(event.connectionId()).isPositive();
            assertThat(event.method()).isEqualTo("GET");
            assertThat(event.path()).isEqualTo("/charge");
            assertThat(event.requestId()).isEqualTo("req-1");
            assertThat(event.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            assertThat(event.idempotencyKey()).isEqualTo("idem-1");
            assertThat(event.rule()).isEqualTo("slow/payments[0]");
            assertThat(event.effect()).isEqualTo("delay");
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.bytesSent()).isEqualTo(10);
            assertThat(event.delayPlannedNanos()).isEqualTo(100 * MS);
            assertThat(event.delayAchievedNanos()).isBetween(100 * MS, event.endNanos() - event.atNanos());
            assertThat(event.retryAfter()).isNull();
            assertThat(event.outcome()).isEqualTo(Outcome.COMPLETED);
        }
    }

    @Test
    void aHeadRequestIsJournalledWithNoBodyBytes() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "0123456789")))) {
            Answer answer = call(new Request.Builder().url(u.url("/charge")).head().build());
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Length")).isEqualTo("10");
            assertThat(u.awaitOnlyRequest().bytesSent()).isZero();
        }
    }

    @Test
    void aRequestWithoutDelayHasNoDelayInTheJournal() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            get(u.url("/charge"));
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.delayPlannedNanos()).isEqualTo(-1);
            assertThat(event.delayAchievedNanos()).isEqualTo(-1);
            assertThat(event.effect()).isEqualTo("route");
        }
    }

    @Test
    void aPostWithABodyKeepsTheConnectionAlive() throws IOException {
        UpstreamSpec spec = upstream("payments", route(request("POST", "/charge"), 200, "charged"), route(path("/status"), 200, "fine"));
        try (RunningUpstream u = RunningUpstream.start(spec);
             RawHttpConnection connection = RawHttpConnection.open(u.upstream.ports().get(0))) {
            // A rule that matches on headers only shows the request was decided before its body arrived.
            u.phase("watch", rule("watch[0]").match(request("POST", "/charge")).delay(Duration.ZERO).build());
            connection.send("POST /charge HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nX-Request-Id: post\r\n\r\nhello");
            u.awaitRuleFires("watch[0]", 1);
            connection.send(" world");
            RawHttpConnection.Response first = connection.readResponse();
            connection.send("GET /status HTTP/1.1\r\nHost: x\r\nX-Request-Id: get\r\n\r\n");
            RawHttpConnection.Response second = connection.readResponse();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("charged");
            assertThat(first.headers()).doesNotContainKey("connection");
            assertThat(second.body()).isEqualTo("fine");
            List<UpstreamRequest> events = u.awaitRequests(2);
            assertThat(events.get(0).connectionId()).isEqualTo(events.get(1).connectionId());
        }
    }

    @Test
    void aClientThatGivesUpDuringADelayIsJournalledAsGone() throws InterruptedException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofMillis(400)).build());
            Call call = HTTP.newCall(new Request.Builder().url(u.url("/charge")).build());
            BlockingQueue<IOException> failures = new LinkedBlockingQueue<>();
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    failures.add(e);
                }

                @Override
                public void onResponse(Call c, Response response) {
                    response.close();
                }
            });
            u.awaitRuleFires("slow/payments[0]", 1);
            call.cancel();
            // OkHttp reports the cancel as "Canceled" or "Socket closed" depending on where it caught the call.
            assertThat(failures.poll(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);

            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.outcome()).isEqualTo(Outcome.CLIENT_GONE);
            assertThat(event.status()).isZero();
            assertThat(event.bytesSent()).isZero();
            assertThat(event.delayAchievedNanos()).isEqualTo(-1);
            assertThat(event.endNanos()).isGreaterThanOrEqualTo(event.atNanos() + 400 * MS);
            assertThat(u.upstream.stats().byStatus()).containsEntry(0, 1L);
        }
    }

    @Test
    @SuppressWarnings("try") // the leaving client closes its connection mid-test on purpose
    void closingJournalsWaitingExchangesAsOpenAndThoseWhoseClientLeftAsGone() throws IOException {
        RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")));
        try (RawHttpConnection staying = RawHttpConnection.open(u.upstream.ports().get(0));
             RawHttpConnection leaving = RawHttpConnection.open(u.upstream.ports().get(0))) {
            u.phase("slow", rule("slow/payments[0]").delay(Duration.ofSeconds(30)).build());
            staying.send("GET /charge HTTP/1.1\r\nHost: x\r\nX-Request-Id: staying\r\n\r\n");
            leaving.send("GET /charge HTTP/1.1\r\nHost: x\r\nX-Request-Id: leaving\r\n\r\n");
            u.awaitRuleFires("slow/payments[0]", 2);
            leaving.close();

            u.close();

            List<UpstreamRequest> events = u.awaitRequests(2);
            UpstreamRequest open = events.stream().filter(e -> "staying".equals(e.requestId())).findFirst().orElseThrow();
            UpstreamRequest gone = events.stream().filter(e -> "leaving".equals(e.requestId())).findFirst().orElseThrow();
            assertThat(open.outcome()).isEqualTo(Outcome.OPEN);
            assertThat(open.endNanos()).isEqualTo(-1);
            assertThat(open.status()).isZero();
            assertThat(gone.outcome()).isEqualTo(Outcome.CLIENT_GONE);
            assertThat(gone.endNanos()).isGreaterThan(gone.atNanos());
            assertThat(staying.closedByServerWithoutData()).isTrue();
            assertThat(u.upstream.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void statsCountByStatusAndEffectAndListEveryInstalledRule() throws IOException {
        try (RunningUpstream u = RunningUpstream.start(upstream("payments", route(path("/charge"), 200, "ok")))) {
            u.phase("outage", rule("outage/payments[0]").first(1).respond(503).build(),
                    rule("outage/payments[1]").match(path("/never")).respond(500).build());
            get(u.url("/charge"));
            get(u.url("/charge"));
            u.phase("recovery");
            get(u.url("/missing"));
            await().until(() -> u.upstream.stats().requests() == 3);
            UpstreamStats stats = u.upstream.stats();
            assertThat(stats.byStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(200, 1L, 404, 1L, 503, 1L));
            assertThat(stats.byEffect()).containsExactlyInAnyOrderEntriesOf(Map.of("route", 1L, "not-found", 1L, "respond", 1L));
            assertThat(stats.ruleFires()).containsExactly(
                    Map.entry("outage/payments[0]", 1L), Map.entry("outage/payments[1]", 0L));
        }
    }

    @Test
    void aFixedPortIsUsedWithOneClientAndATakenOneIsReported() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        UpstreamSpec spec = new UpstreamSpec("payments", port, List.of(route(path("/charge"), 200, "ok")));
        try (RunningUpstream u = RunningUpstream.start(spec)) {
            assertThat(u.upstream.ports()).containsExactly(port);
            assertThat(get("http://127.0.0.1:" + port + "/charge").status()).isEqualTo(200);
            assertThatThrownBy(() -> RunningUpstream.start(spec))
                    .hasRootCauseInstanceOf(java.net.BindException.class)
                    .hasMessageContaining("fake upstream payments could not listen on 127.0.0.1:" + port);
        }
    }
}
