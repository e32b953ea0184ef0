package dev.faultline.journal;

import java.util.List;
import java.util.Objects;

/**
 * What a {@code drift} fault rule did to one response at a fake upstream: the mutations it applied
 * (and how many nodes each changed), or why the body was left alone. The exchange itself is the
 * {@link UpstreamRequest} of the same upstream, connection and arrival time.
 *
 * @param atNanos      when the request arrived (run time), as in its {@link UpstreamRequest}
 * @param upstream     the upstream's name in the scenario
 * @param client       the target replica that sent it, or {@code -1}
 * @param connectionId the TCP connection, as in its {@link UpstreamRequest}
 * @param method       request method
 * @param path         request path, without the query
 * @param requestId    the request's {@code X-Request-Id}, or {@code null}
 * @param rule         id of the drift rule
 * @param contentType  the response's {@code Content-Type}, or {@code null} when it had none
 * @param mutations    one entry per mutation, in order: its word, its path, how many nodes it
 *                     changed and any seeded choice ({@code add-field $: 1 changed, name "x_4f1c" = 7});
 *                     empty when the body was left alone
 * @param skipped      why the body was left alone ({@code not JSON: text/plain}, {@code not valid JSON}),
 *                     or {@code null} when the mutations were applied
 */
public record ResponseDrift(long atNanos, String upstream, int client, long connectionId, String method, String path,
                            String requestId, String rule, String contentType, List<String> mutations, String skipped) implements Event {
    public ResponseDrift {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(rule, "rule");
        mutations = mutations == null ? List.of() : List.copyOf(mutations);
    }

    @Override
    public String type() {
        return "drift";
    }

    /** True when the body was mutated (it was JSON), false when it was left alone. */
    public boolean applied() {
        return skipped == null;
    }

    /** The word of each mutation applied ({@code add-field}, ...), in order. */
    public List<String> words() {
        return mutations.stream().map(m -> m.split(" ", 2)[0]).toList();
    }
}
