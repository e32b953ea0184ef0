package dev.faultline.junit5;

import dev.faultline.journal.UpstreamRequest;
import dev.faultline.upstream.spec.RateLimitAlgorithm;
import dev.faultline.upstream.spec.RateLimitHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The effects of the format that the first version of the builder lacked, seen on the wire by the JDK's HttpClient. */
class FaultBuilderTest {

    @RegisterExtension
    static FaultlineExtension fl = FaultlineExtension.with(Upstream.named("api"));

    @Test
    void aHeaderMatchHitsOnlyRequestsCarryingTheHeader() throws Exception {
        fl.inject("api", Fault.respond(503).onHeader("X-Tenant", "blue"));

        assertThat(Clients.getWith(fl.url("api") + "/x", "X-Tenant", "blue").statusCode()).isEqualTo(503);
        assertThat(Clients.getWith(fl.url("api") + "/x", "X-Tenant", "green").statusCode()).isEqualTo(200);
    }

    @Test
    void aQueryMatchHitsOnlyRequestsWithTheParameter() throws Exception {
        fl.inject("api", Fault.respond(500).onQuery("mode", "slow"));

        assertThat(Clients.get(fl.url("api") + "/x?mode=slow")).isEqualTo(500);
        assertThat(Clients.get(fl.url("api") + "/x?mode=fast")).isEqualTo(200);
    }

    @Test
    void aRateLimitPerHeaderCountsEachValueApart() throws Exception {
        fl.inject("api", Fault.rateLimit(2, Duration.ofMinutes(1)).perHeader("X-Tenant"));

        for (int i = 0; i < 2; i++) {
            assertThat(Clients.getWith(fl.url("api"), "X-Tenant", "blue").statusCode()).isEqualTo(200);
        }
        assertThat(Clients.getWith(fl.url("api"), "X-Tenant", "blue").statusCode()).isEqualTo(429);
        assertThat(Clients.getWith(fl.url("api"), "X-Tenant", "green").statusCode()).isEqualTo(200); // its own quota
    }

    @Test
    void aTokenBucketWithRateLimitHeadersAnnouncesTheQuota() throws Exception {
        fl.inject("api", Fault.rateLimit(1, Duration.ofMinutes(1)).algorithm(RateLimitAlgorithm.TOKEN_BUCKET)
                .limitHeaders(RateLimitHeaders.RETRY_AFTER, RateLimitHeaders.RATELIMIT));

        assertThat(Clients.get(fl.url("api"))).isEqualTo(200);
        HttpResponse<Void> refused = Clients.getWith(fl.url("api"), "Accept", "*/*");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("RateLimit")).isPresent();
    }

    @Test
    void aUniformDelayDrawsWaitsInsideItsRange() throws Exception {
        fl.inject("api", Fault.delayUniform(Duration.ofMillis(50), Duration.ofMillis(250)));
        for (int i = 0; i < 8; i++) {
            Clients.get(fl.url("api"));
        }

        long[] planned = fl.journal("api").requests().stream().mapToLong(UpstreamRequest::delayPlannedNanos).toArray();
        assertThat(planned).hasSize(8);
        assertThat(java.util.Arrays.stream(planned).boxed().toList()).allMatch(n -> n >= 50_000_000L && n <= 250_000_000L);
        assertThat(java.util.Arrays.stream(planned).distinct().count()).as("drawn, not fixed").isGreaterThan(1);
    }

    @Test
    void heavyTailedDelaysAreAtLeastTheirScale() throws Exception {
        fl.inject("api", Fault.delayPareto(Duration.ofMillis(20), 3.0));
        Clients.get(fl.url("api"));
        fl.inject("api", Fault.delayLogNormal(Duration.ofMillis(20), 0.5));
        Clients.get(fl.url("api"));
        fl.inject("api", Fault.delayNormal(Duration.ofMillis(20), Duration.ofMillis(5)));
        Clients.get(fl.url("api"));

        long[] planned = fl.journal("api").requests().stream().mapToLong(UpstreamRequest::delayPlannedNanos).toArray();
        assertThat(planned).hasSize(3);
        assertThat(planned[0]).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(planned[1]).isPositive();
        assertThat(planned[2]).isNotNegative();
    }

    @Test
    void rateLimitSettingsOnAnotherFaultSayWhichFaultHasThem() {
        assertThatThrownBy(() -> Fault.respond(503).perClient())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only Fault.rateLimit(...) has perClient");
        assertThatThrownBy(() -> Fault.down().onHeader("a", "b")).hasMessageContaining("Fault.down() takes no a match");
    }
}
