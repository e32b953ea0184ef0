package dev.faultline.upstream;

import dev.faultline.journal.Journal;
import dev.faultline.journal.RunClock;
import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.FaultRule;
import dev.faultline.upstream.spec.UpstreamSpec;
import dev.faultline.upstream.tls.RunTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** A fake upstream started for one test, with its own journal and clock. */
final class RunningUpstream implements AutoCloseable {
    final Journal journal = new Journal(100_000);
    final RunClock clock = RunClock.startingNow();
    final FakeUpstream upstream;

    private RunningUpstream(UpstreamSpec spec, int clients, long seed) {
        this(spec, clients, seed, null);
    }

    private RunningUpstream(UpstreamSpec spec, int clients, long seed, RunTls tls) {
        try {
            this.upstream = FakeUpstream.start(spec, UpstreamOptions.loopback(clients, journal, clock, seed), tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunningUpstream start(UpstreamSpec spec) {
        return new RunningUpstream(spec, 1, 7);
    }

    /** A TLS upstream (the spec says {@code tls}) with the certificates of {@code tls}. */
    static RunningUpstream start(UpstreamSpec spec, RunTls tls) {
        return new RunningUpstream(spec, 1, 7, tls);
    }

    static RunningUpstream start(UpstreamSpec spec, int clients, long seed) {
        return new RunningUpstream(spec, clients, seed);
    }

    RunningUpstream phase(String name, FaultRule... rules) {
        upstream.enterPhase(name, List.of(rules));
        return this;
    }

    String url(String path) {
        return upstream.url(0) + path;
    }

    String url(int client, String path) {
        return upstream.url(client) + path;
    }

    List<UpstreamRequest> requests() {
        return journal.inAppendOrder().stream()
                .filter(UpstreamRequest.class::isInstance)
                .map(UpstreamRequest.class::cast)
                .toList();
    }

    /** The journal's events of one type, in append order. */
    <T> List<T> events(Class<T> type) {
        return journal.inAppendOrder().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until the journal holds {@code count} requests (they are journalled as exchanges end). */
    List<UpstreamRequest> awaitRequests(int count) {
        await().until(() -> journal.offered() >= count);
        return requests();
    }

    UpstreamRequest awaitOnlyRequest() {
        List<UpstreamRequest> requests = awaitRequests(1);
        return requests.get(0);
    }

    /** Waits until a rule has decided {@code count} requests (decisions happen on arrival). */
    void awaitRuleFires(String ruleId, long count) {
        await().until(() -> upstream.stats().ruleFires().getOrDefault(ruleId, 0L) >= count);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
