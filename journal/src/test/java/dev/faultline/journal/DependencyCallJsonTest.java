package dev.faultline.journal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A proxied request's dependency call goes to and from JSON, kept whole by the journal; others leave it out. */
class DependencyCallJsonTest {
    private static UpstreamRequest request(DependencyCall dependency) {
        return new UpstreamRequest(1_000, 2_000, "payments", 0, 1, "GET", "/charge", null, null, null, null,
                dependency == null ? "route" : "proxy", 503, 5, -1, -1, "3", null, UpstreamRequest.Outcome.COMPLETED, 0,
                dependency);
    }

    @Test
    void aProxiedRequestCarriesTheDependencysStatusAndTime() throws Exception {
        UpstreamRequest proxied = request(new DependencyCall(503, 1_234_567, null));
        String line = JournalJson.toLine(proxied);
        assertThat(line).contains("\"dependency\":{\"status\":503,\"nanos\":1234567}");
        assertThat(JournalJson.fromLine(line)).isEqualTo(proxied);

        UpstreamRequest refused = request(new DependencyCall(0, 2_000, "Connection refused"));
        assertThat(JournalJson.fromLine(JournalJson.toLine(refused))).isEqualTo(refused);

        Journal journal = new Journal(10);
        journal.append(proxied);
        journal.append(refused);
        assertThat(journal.snapshot()).containsExactly(proxied, refused);
    }

    @Test
    void aRequestTheFakeAnsweredLeavesTheFieldOut() throws Exception {
        String line = JournalJson.toLine(request(null));
        assertThat(line).doesNotContain("dependency");
        assertThat(((UpstreamRequest) JournalJson.fromLine(line)).proxied()).isFalse();
    }
}
