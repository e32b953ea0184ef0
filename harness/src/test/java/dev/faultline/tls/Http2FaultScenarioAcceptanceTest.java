package dev.faultline.tls;

import dev.faultline.cli.ExitCodes;
import dev.faultline.journal.Event;
import dev.faultline.journal.PhaseStarted;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.journal.UpstreamRequest.Outcome;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scenarios/tls/http2-faults.yaml} end to end: curl over h2 meets a refused stream (and retries
 * it itself), a reset stream (exit 92), a GOAWAY with last stream 0 (resent once, then exit 16), a
 * stalled window (the upload stops at 65,535 bytes) and a one-stream limit (two connections for two
 * parallel GETs); the journal, read back from {@code journal.jsonl}, shows each phase's effect.
 */
class Http2FaultScenarioAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void eachHttp2FaultShowsInCurlsExitCodesAndInTheJournal() throws Exception {
        Path out = dir.resolve("out");
        Faultline.Result result = Faultline.run(dir, "run",
                Faultline.REPO.resolve("scenarios/tls/http2-faults.yaml").toString(), "--report-dir", out.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);

        String printed = Files.readString(out.resolve("target-0.stdout.log"));
        assertThat(printed).contains("GET 000 GET 000 exit 92").contains("GET 000 GET 000 exit 16")
                .contains("POST 000 uploaded 65535 exit 28").contains("GET 200 GET 200 exit 0");

        Map<String, List<UpstreamRequest>> byPhase = requestsByPhase(Faultline.journal(out));
        assertThat(byPhase.get("steady")).isNotEmpty().allSatisfy(r -> assertThat(r.stream()).isPositive());

        List<UpstreamRequest> refused = gets(byPhase.get("refused"));
        assertThat(refused.get(0).effect()).isEqualTo("rst-stream:REFUSED_STREAM");
        UpstreamRequest retry = refused.stream().skip(1).filter(r -> r.path().equals(refused.get(0).path()))
                .findFirst().orElseThrow();
        assertThat(retry.status()).as("curl resent the refused request itself").isEqualTo(200);
        assertThat(retry.connectionId()).isNotEqualTo(refused.get(0).connectionId());

        assertThat(gets(byPhase.get("reset"))).isNotEmpty().extracting(UpstreamRequest::effect)
                .containsOnly("rst-stream:INTERNAL_ERROR");
        List<UpstreamRequest> goAway = gets(byPhase.get("goaway"));
        assertThat(goAway).isNotEmpty().extracting(UpstreamRequest::effect).containsOnly("goaway:PROTOCOL_ERROR");
        assertThat(goAway.stream().collect(Collectors.groupingBy(UpstreamRequest::path, Collectors.counting())).values())
                .as("each request at most resent once").allSatisfy(n -> assertThat(n).isBetween(1L, 2L));

        List<UpstreamRequest> uploads = byPhase.get("stalled").stream().filter(r -> r.path().equals("/upload")).toList();
        assertThat(uploads).isNotEmpty().allSatisfy(r -> {
            assertThat(r.effect()).isEqualTo("stall-window");
            assertThat(r.outcome()).isIn(Outcome.CLIENT_GONE, Outcome.OPEN);
        });

        // A round's two GETs share a connection while streams are free, and take one each under the limit.
        assertThat(connectionsPerRound(byPhase.get("steady"))).containsOnly(1L);
        assertThat(connectionsPerRound(byPhase.get("limited"))).isNotEmpty().containsOnly(2L);
    }

    private static List<UpstreamRequest> gets(List<UpstreamRequest> requests) {
        return requests.stream().filter(r -> r.path().startsWith("/charge/")).toList();
    }

    /** For each round (/charge/ROUND/a and /b) that had both GETs in the phase, how many connections they used. */
    private static List<Long> connectionsPerRound(List<UpstreamRequest> requests) {
        Map<String, List<UpstreamRequest>> rounds = gets(requests).stream()
                .collect(Collectors.groupingBy(r -> r.path().split("/")[2]));
        return rounds.values().stream().filter(round -> round.size() == 2)
                .map(round -> round.stream().map(UpstreamRequest::connectionId).distinct().count()).toList();
    }

    private static Map<String, List<UpstreamRequest>> requestsByPhase(List<Event> journal) {
        Map<String, List<UpstreamRequest>> byPhase = new HashMap<>();
        List<PhaseStarted> phases = journal.stream().filter(PhaseStarted.class::isInstance).map(PhaseStarted.class::cast).toList();
        for (Event event : journal) {
            if (event instanceof UpstreamRequest request) {
                String phase = null;
                for (PhaseStarted started : phases) {
                    if (started.atNanos() <= request.atNanos()) {
                        phase = started.name();
                    }
                }
                if (phase != null) {
                    byPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(request);
                }
            }
        }
        // The journal is in the order exchanges ended; the faults were decided in arrival order.
        byPhase.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(UpstreamRequest::atNanos)));
        return byPhase;
    }
}
