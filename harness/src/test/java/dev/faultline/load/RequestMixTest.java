package dev.faultline.load;

import dev.faultline.scenario.LoadSpec;
import dev.faultline.scenario.LoadSpec.LoadRequest;
import dev.faultline.scenario.Rate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestMixTest {
    private static LoadPlan plan(long seed, LoadRequest... requests) {
        LoadSpec spec = new LoadSpec(List.of(new LoadSpec.RateStep(Duration.ZERO, new Rate(10))), List.of(requests), List.of(),
                Duration.ofSeconds(1));
        return LoadPlan.of(spec, List.of("http://127.0.0.1:8080", "http://127.0.0.1:8081/"), seed);
    }

    private static LoadRequest request(String method, String path, int weight) {
        return new LoadRequest(method, path, Map.of("Accept", "application/json"), Optional.empty(), weight);
    }

    @Test
    void kindsAreDrawnInProportionToTheirWeights() {
        RequestMix mix = new RequestMix(plan(7, request("GET", "/a", 1), request("GET", "/b", 3)));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            counts.merge(mix.pick().path, 1, Integer::sum);
        }

        assertThat(counts.get("/a") / 40_000.0).isBetween(0.24, 0.26);
        assertThat(counts.get("/b") / 40_000.0).isBetween(0.74, 0.76);
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        RequestMix a = new RequestMix(plan(7, request("GET", "/a", 1), request("GET", "/b", 1)));
        RequestMix b = new RequestMix(plan(7, request("GET", "/a", 1), request("GET", "/b", 1)));
        for (int i = 0; i < 100; i++) {
            first.add(a.pick().path);
            second.add(b.pick().path);
        }

        assertThat(first).isEqualTo(second).contains("/a", "/b");
    }

    @Test
    void urlsArePreparedPerReplicaAndAPostWithoutBodySendsAnEmptyOne() {
        RequestMix mix = new RequestMix(plan(1, request("POST", "/orders?x=1", 1)));
        RequestMix.Kind kind = mix.pick();

        assertThat(kind.urlByReplica[0].toString()).isEqualTo("http://127.0.0.1:8080/orders?x=1");
        assertThat(kind.urlByReplica[1].toString()).isEqualTo("http://127.0.0.1:8081/orders?x=1");
        assertThat(kind.body).isNotNull();
        assertThat(kind.headersByStream[0].get("Accept")).isEqualTo("application/json");
    }

    @Test
    void aGetWithABodyIsRefusedWithTheReason() {
        LoadRequest get = new LoadRequest("GET", "/a", Map.of(), Optional.of("{}"), 1);

        assertThatThrownBy(() -> plan(1, get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load.requests: GET /a has a body, which the load driver's HTTP client cannot send with GET"
                        + " (use POST or PUT, or remove the body)");
    }
}
