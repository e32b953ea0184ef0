package dev.faultline.upstream.internal;

import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRouterTest {

    private static Route route(RequestMatch match, int status) {
        return new Route(match, Respond.status(status));
    }

    private static RequestMatch match(String method, String path, Map<String, String> headers, Map<String, String> query) {
        return new RequestMatch(method, path == null ? null : PathPattern.of(path), headers, query);
    }

    @Test
    void theFirstMatchingRouteWins() {
        RequestRouter router = RequestRouter.of("u", List.of(
                route(match(null, "/a", Map.of(), Map.of()), 201),
                route(match(null, "/a", Map.of(), Map.of()), 202)));
        assertThat(router.route(TestRequest.get("/a")).status()).isEqualTo(201);
    }

    @Test
    void aRequestNoRouteMatchesGetsTheNotFoundAnswer() {
        RequestRouter router = RequestRouter.of("u", List.of(route(match(null, "/a", Map.of(), Map.of()), 200)));
        PreparedResponse answer = router.route(TestRequest.get("/b"));
        assertThat(answer).isSameAs(router.notFound());
        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void methodMustMatchExactly() {
        RequestRouter router = RequestRouter.of("u", List.of(route(match("POST", "/charge", Map.of(), Map.of()), 200)));
        assertThat(router.route(new TestRequest("POST", "/charge", null, Map.of(), 0)).status()).isEqualTo(200);
        assertThat(router.route(TestRequest.get("/charge")).status()).isEqualTo(404);
    }

    @Test
    void headerNamesMatchCaseInsensitivelyAndValuesExactly() {
        RequestRouter router = RequestRouter.of("u", List.of(route(match(null, null, Map.of("X-Tenant", "a"), Map.of()), 200)));
        assertThat(router.route(TestRequest.get("/").withHeaders(Map.of("x-tenant", "a"))).status()).isEqualTo(200);
        assertThat(router.route(TestRequest.get("/").withHeaders(Map.of("X-TENANT", "A"))).status()).isEqualTo(404);
        assertThat(router.route(TestRequest.get("/")).status()).isEqualTo(404);
    }

    @Test
    void queryParametersMatchAmongOthersAndDecoded() {
        RequestRouter router = RequestRouter.of("u", List.of(
                route(match(null, null, Map.of(), Map.of("q", "a b", "page", "2")), 200)));
        assertThat(router.route(TestRequest.get("/").withQuery("x=1&q=a%20b&page=2")).status()).isEqualTo(200);
        assertThat(router.route(TestRequest.get("/").withQuery("page=2&q=a+b")).status()).isEqualTo(200);
        assertThat(router.route(TestRequest.get("/").withQuery("q=a%20b")).status()).isEqualTo(404);
        assertThat(router.route(TestRequest.get("/").withQuery("q=a%20bc&page=2")).status()).isEqualTo(404);
        assertThat(router.route(TestRequest.get("/")).status()).isEqualTo(404);
    }

    @Test
    void aQueryParameterWithoutValueMatchesAnEmptyValue() {
        RequestRouter router = RequestRouter.of("u", List.of(route(match(null, null, Map.of(), Map.of("debug", "")), 200)));
        assertThat(router.route(TestRequest.get("/").withQuery("debug")).status()).isEqualTo(200);
        assertThat(router.route(TestRequest.get("/").withQuery("debug=")).status()).isEqualTo(200);
        assertThat(router.route(TestRequest.get("/").withQuery("debugging")).status()).isEqualTo(404);
    }

    @Test
    void oneStarMatchesOneSegmentAndTwoStarsMatchAny() {
        RequestRouter router = RequestRouter.of("u", List.of(
                route(match(null, "/users/*", Map.of(), Map.of()), 201),
                route(match(null, "/files/**", Map.of(), Map.of()), 202)));
        assertThat(router.route(TestRequest.get("/users/42")).status()).isEqualTo(201);
        assertThat(router.route(TestRequest.get("/users/42/orders")).status()).isEqualTo(404);
        assertThat(router.route(TestRequest.get("/users/")).status()).isEqualTo(404);
        assertThat(router.route(TestRequest.get("/files/a/b/c.txt")).status()).isEqualTo(202);
        assertThat(router.route(TestRequest.get("/files")).status()).isEqualTo(202);
        assertThat(router.route(TestRequest.get("/filesystem/a")).status()).isEqualTo(404);
    }

    @Test
    void globsInTheMiddleAndAtTheRootMatch() {
        RequestRouter router = RequestRouter.of("u", List.of(
                route(match(null, "/api/*/search", Map.of(), Map.of()), 201),
                route(match(null, "/a/**/z", Map.of(), Map.of()), 202),
                route(match(null, "/**", Map.of(), Map.of()), 203)));
        assertThat(router.route(TestRequest.get("/api/books/search")).status()).isEqualTo(201);
        assertThat(router.route(TestRequest.get("/a/z")).status()).isEqualTo(202);
        assertThat(router.route(TestRequest.get("/a/b/c/z")).status()).isEqualTo(202);
        assertThat(router.route(TestRequest.get("/anything/else")).status()).isEqualTo(203);
        assertThat(router.route(TestRequest.get("/")).status()).isEqualTo(203);
    }
}
