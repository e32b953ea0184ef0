package dev.faultline.upstream;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.upstream.spec.FaultAction;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.Respond;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static dev.faultline.upstream.Specs.path;
import static dev.faultline.upstream.Specs.route;
import static dev.faultline.upstream.Specs.rule;
import static dev.faultline.upstream.Specs.upstream;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code body: truncate-after | dribble | garbage} as curl and OkHttp see them, and as the journal records them. */
class BodyFaultsAcceptanceTest {
    private static final long MS = 1_000_000L;
    /** Generous: this is a slow, shared 2-core machine. */
    private static final long LATE_MARGIN_NANOS = 2_000 * MS;
    private static final String HUNDRED_BYTES = "0123456789".repeat(10);

    private static RunningUpstream catalog(long seed) {
        Respond json = Respond.of(200, Map.of("Content-Type", "application/json"), HUNDRED_BYTES);
        return RunningUpstream.start(upstream("catalog", route(path("/items"), json)), 1, seed);
    }

    private static FaultRule truncateAfter(long bytes) {
        return rule("cut/catalog[0]").action(new FaultAction.TruncateBody(bytes)).build();
    }

    @Test
    void truncateDeclaresTheWholeLengthSendsPartThenClosesSoCurlSeesAPartialFile() throws Exception {
        try (RunningUpstream u = catalog(7)) {
            u.phase("cut", truncateAfter(40));

            Curl curl = Curl.run("--include", u.url("/items"));
            assertThat(curl.exitCode()).as("curl's partial-file exit code; %s", curl.out()).isEqualTo(18);
            assertThat(curl.out()).containsIgnoringCase("content-length: 100\r\n")
                    .contains("\r\n\r\n" + HUNDRED_BYTES.substring(0, 40))
                    .doesNotContain(HUNDRED_BYTES.substring(0, 41))
                    .contains("curl: (18) transfer closed with 60 bytes remaining");

            OkHttpProbe okhttp = OkHttpProbe.get(u.url("/items"));
            assertThat(okhttp.status()).isEqualTo(200);
            assertThat(okhttp.failure()).isInstanceOf(ProtocolException.class).hasMessageContaining("unexpected end of stream");

            UpstreamRequest event = u.awaitRequests(2).get(0);
            assertThat(event.effect()).isEqualTo("truncate");
            assertThat(event.rule()).isEqualTo("cut/catalog[0]");
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.bytesSent()).isEqualTo(40);
            assertThat(event.outcome()).isEqualTo(Outcome.FAULTED);
        }
    }

    @Test
    void truncateBeyondTheBodyDeclaresOneByteMoreThanItSendsSoTheBodyStillEndsEarly() throws Exception {
        try (RunningUpstream u = catalog(7)) {
            u.phase("cut", truncateAfter(500));
            Curl curl = Curl.run("--include", u.url("/items"));
            assertThat(curl.exitCode()).isEqualTo(18);
            assertThat(curl.out()).containsIgnoringCase("content-length: 501\r\n").contains("1 bytes remaining");
            assertThat(u.awaitOnlyRequest().bytesSent()).isEqualTo(100);
        }
    }

    @Test
    void dribbleSendsTheHeadAtOnceThenTheBodyAFewBytesPerIntervalAndTheBodyArrivesWhole() throws Exception {
        try (RunningUpstream u = catalog(7)) {
            // 100 bytes, 25 at a time: four intervals of 150 ms.
            u.phase("slow", rule("slow/catalog[0]").action(new FaultAction.DribbleBody(25, Duration.ofMillis(150))).build());

            Curl curl = Curl.run("--write-out", "\n%{http_code} %{time_starttransfer} %{time_total}", u.url("/items"));
            assertThat(curl.exitCode()).isZero();
            String[] lines = curl.out().split("\n");
            assertThat(lines[0]).isEqualTo(HUNDRED_BYTES);
            String[] timing = lines[1].split(" ");
            assertThat(timing[0]).isEqualTo("200");
            assertThat(Double.parseDouble(timing[1])).as("seconds to the head").isLessThan(0.6);
            assertThat(Double.parseDouble(timing[2])).as("seconds to the whole body").isBetween(0.6, 0.6 + 2.0);

            OkHttpProbe okhttp = OkHttpProbe.get(u.url("/items"));
            assertThat(okhttp.body()).isEqualTo(HUNDRED_BYTES);
            assertThat(okhttp.elapsedNanos()).isBetween(600 * MS, 600 * MS + LATE_MARGIN_NANOS);

            UpstreamRequest event = u.awaitRequests(2).get(0);
            assertThat(event.effect()).isEqualTo("dribble");
            assertThat(event.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(event.bytesSent()).isEqualTo(100);
            assertThat(event.endNanos() - event.atNanos()).isGreaterThanOrEqualTo(600 * MS);
            assertThat(event.delayAchievedNanos()).isEqualTo(-1);
        }
    }

    @Test
    void aDelayedDribbleRecordsTheDelayAchievedWhenTheHeadLeavesNotWhenTheBodyEnds() throws Exception {
        try (RunningUpstream u = catalog(7)) {
            u.phase("slow", rule("slow/catalog[0]").delay(Duration.ofMillis(200))
                    .action(new FaultAction.DribbleBody(50, Duration.ofMillis(300))).build());
            assertThat(OkHttpProbe.get(u.url("/items")).body()).isEqualTo(HUNDRED_BYTES);
            UpstreamRequest event = u.awaitOnlyRequest();
            assertThat(event.delayPlannedNanos()).isEqualTo(200 * MS);
            assertThat(event.delayAchievedNanos()).isBetween(200 * MS, 200 * MS + LATE_MARGIN_NANOS)
                    .isLessThan(event.endNanos() - event.atNanos() - 500 * MS);
        }
    }

    @Test
    void dribbleOutlastsTheIdleTimeout() {
        try (RunningUpstream u = catalog(7)) {
            u.upstream.idleTimeout(Duration.ofMillis(200));
            u.phase("slow", rule("slow/catalog[0]").action(new FaultAction.DribbleBody(50, Duration.ofMillis(500))).build());
            assertThat(OkHttpProbe.get(u.url("/items")).body()).isEqualTo(HUNDRED_BYTES);
            assertThat(u.awaitOnlyRequest().outcome()).isEqualTo(Outcome.COMPLETED);
        }
    }

    @Test
    void garbageSendsAChunkedHeadThenRandomBytesSoCurlFailsDecodingTheBody() throws Exception {
        try (RunningUpstream u = catalog(7)) {
            u.phase("noise", rule("noise/catalog[0]").action(new FaultAction.GarbageBody()).build());

            Curl curl = Curl.run(u.url("/items"));
            assertThat(curl.exitCode()).as("curl fails; %s", curl.out()).isEqualTo(56);
            assertThat(curl.out()).contains("chunked");

            OkHttpProbe okhttp = OkHttpProbe.get(u.url("/items"));
            assertThat(okhttp.status()).isEqualTo(200);
            assertThat(okhttp.header("Content-Type")).isEqualTo("application/json");
            assertThat(okhttp.failure()).isInstanceOf(IOException.class);

            UpstreamRequest event = u.awaitRequests(2).get(0);
            assertThat(event.effect()).isEqualTo("garbage");
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.bytesSent()).isEqualTo(1024);
            assertThat(event.outcome()).isEqualTo(Outcome.FAULTED);
        }
    }

    @Test
    void garbageBytesComeFromTheSeedSoTheSameSeedSendsTheSameBytes() throws IOException {
        byte[] first = garbageWithSeed(7);
        assertThat(new String(first, StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 200 OK\r\n").contains("Transfer-Encoding: chunked\r\n\r\n");
        assertThat(first).hasSizeGreaterThan(1024);
        assertThat(garbageWithSeed(7)).isEqualTo(first);
        assertThat(garbageWithSeed(8)).isNotEqualTo(first);
    }

    private static byte[] garbageWithSeed(long seed) throws IOException {
        try (RunningUpstream u = catalog(seed);
             RawHttpConnection connection = RawHttpConnection.open(u.upstream.ports().get(0))) {
            u.phase("noise", rule("noise/catalog[0]").action(new FaultAction.GarbageBody()).build());
            connection.send("GET /items HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] all = connection.readUntilClosed();
            return Arrays.copyOf(all, all.length);
        }
    }
}
