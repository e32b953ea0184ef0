package dev.faultline.junit5;

import dev.faultline.upstream.spec.DriftMutation;
import dev.faultline.upstream.spec.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** drift, deprecate, gone and bandwidth from a test, seen by the JDK's HttpClient. */
class DriftFaultTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("orders")
            .json("/orders/42", "{\"id\":42,\"total\":19.5}")
            .route(null, "/big", 200, "x".repeat(64 * 1024)));

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fl.url("orders") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void driftRenamesAMemberOfTheJsonBody() throws Exception {
        fl.inject("orders", Fault.drift(new DriftMutation.RenameField(JsonPath.parse("$.total"), "amount")));
        assertThat(get("/orders/42").body()).isEqualTo("{\"id\":42,\"amount\":19.5}");
    }

    @Test
    void deprecateAndGoneSendTheDeprecationFields() throws Exception {
        fl.inject("orders", Fault.deprecate(Instant.parse("2025-01-01T00:00:00Z"), "/v2/orders/42"));
        HttpResponse<String> deprecated = get("/orders/42");
        assertThat(deprecated.statusCode()).isEqualTo(200);
        assertThat(deprecated.headers().firstValue("Sunset")).hasValue("Wed, 01 Jan 2025 00:00:00 GMT");
        assertThat(deprecated.headers().firstValue("Link")).hasValue("</v2/orders/42>; rel=\"successor-version\"");
        assertThat(deprecated.headers().firstValue("Deprecation")).get().asString().matches("@\\d+");

        fl.inject("orders", Fault.gone(null, null));
        HttpResponse<String> gone = get("/orders/42");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Deprecation")).isPresent();
        assertThat(gone.headers().firstValue("Sunset")).isEmpty();
    }

    @Test
    void bandwidthPacesTheBody() throws Exception {
        fl.inject("orders", Fault.bandwidth(256 * 1024)); // 64 KiB at 256KB/s: 0.25 s
        long start = System.nanoTime();
        assertThat(get("/big").body()).hasSize(64 * 1024);
        assertThat((System.nanoTime() - start) / 1e9).isBetween(0.24, 0.25 + 2.0);
    }
}
