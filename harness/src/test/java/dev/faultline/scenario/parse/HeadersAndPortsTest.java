package dev.faultline.scenario.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What HTTP and the operating system would refuse only at run time is refused when the file is loaded. */
class HeadersAndPortsTest {
    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    @Test
    void aResponseHeaderNameThatIsNotAnHttpTokenIsRefused() {
        assertThat(files().errors("""
                name: t
                upstreams:
                  p:
                    routes: [{respond: {headers: {"Retry After": "2", "X-Ok": "1"}}}]
                """ + ScenarioFiles.ONE_PHASE)).containsExactly("4:35: upstreams.p.routes[0].respond.headers.Retry After:"
                + " \"Retry After\" is not a header name (expected letters, digits and !#$%&'*+-.^_`|~, such as"
                + " X-Request-Id)");
    }

    @Test
    void aHeaderValueThatWouldSplitIntoTwoHeadersIsRefused() {
        assertThat(files().errors("""
                name: t
                upstreams: {p: {}}
                phases:
                  - name: a
                    duration: 1s
                    faults:
                      p: [{respond: {status: 503, headers: {Retry-After: "2\\r\\nSet-Cookie: admin=1"}}}]
                """)).containsExactly("7:58: phases[0].faults.p[0].respond.headers.Retry-After: \"2\\r\\nSet-Cookie:"
                + " admin=1\" holds the control character U+000D (expected a header value without CR, LF, NUL or other"
                + " control characters but tab)");
    }

    @Test
    void aNulInALoadRequestHeaderIsRefused() {
        assertThat(files().errors("""
                name: t
                target: {url: 'http://127.0.0.1:1'}
                load: {rate: 1/s, requests: [{path: /, headers: {X-Id: "a\\0b"}}]}
                """ + ScenarioFiles.ONE_PHASE)).containsExactly("3:56: load.requests[0].headers.X-Id: \"a\\u0000b\" holds"
                + " the control character U+0000 (expected a header value without CR, LF, NUL or other control"
                + " characters but tab)");
    }

    @Test
    void aTabAndNonAsciiTextAreAllowedInHeaderValues() {
        assertThat(files().loaded("""
                name: t
                upstreams:
                  p:
                    routes: [{respond: {headers: {X-Note: "caf\\u00e9\\tbar"}}}]
                """ + ScenarioFiles.ONE_PHASE).upstreams().get("p").routes().get(0).respond().headers())
                .containsEntry("X-Note", "caf\u00e9\tbar");
    }

    @Test
    void twoUpstreamsOnOneFixedPortAreRefusedNamingBothPlaces() {
        assertThat(files().errors("""
                name: t
                upstreams:
                  payments: {port: 18080}
                  ledger: {port: 18081}
                  fraud: {port: 18080}
                """ + ScenarioFiles.ONE_PHASE)).containsExactly("5:11: upstreams.fraud.port: port 18080 is already the"
                + " port of upstream payments (at 3:14; give each upstream its own port, or 0 for a free one)");
    }

    @Test
    void anUpstreamOnTheTargetsFixedPortIsRefused() {
        assertThat(files().errors("""
                name: t
                upstreams:
                  payments: {port: 18080}
                target:
                  run: [sleep, "60"]
                  port: 18080
                """ + ScenarioFiles.ONE_PHASE)).containsExactly("3:14: upstreams.payments.port: port 18080 is already the"
                + " target's port (at 6:3; give the upstream another port, or 0 for a free one)");
    }

    @Test
    void anEscapeSequenceInAKeyIsQuotedVisiblyInItsError() {
        assertThat(files().errors("name: t\n\"\\e[2J\\a\": 1\n" + ScenarioFiles.ONE_PHASE)).singleElement().asString()
                .startsWith("2:1: \\u001B[2J\\u0007: unknown key \"\\u001B[2J\\u0007\"");
    }
}
