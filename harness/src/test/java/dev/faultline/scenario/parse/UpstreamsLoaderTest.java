package dev.faultline.scenario.parse;

import dev.faultline.upstream.spec.PathPattern;
import dev.faultline.upstream.spec.RequestMatch;
import dev.faultline.upstream.spec.Respond;
import dev.faultline.upstream.spec.Route;
import dev.faultline.upstream.spec.UpstreamSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code upstreams}: ports, routes, matches and responses, and body files kept inside the scenario folder. */
class UpstreamsLoaderTest {
    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    private static String upstreams(String yaml) {
        return "name: t\nupstreams:\n" + yaml + ScenarioFiles.ONE_PHASE;
    }

    @Test
    void routesKeepTheirOrderAndMatchesKeepHeaderNamesAsWritten() {
        UpstreamSpec payments = files().loaded(upstreams("""
                  payments:
                    port: 18081
                    routes:
                      - match: {method: post, path: /charge/*, headers: {X-Api-Key: k1}, query: {dry: "true"}}
                        respond: {status: 201, headers: {Location: /charge/1}, body: created}
                      - respond: {}
                """)).upstreams().get("payments");

        assertThat(payments).isEqualTo(new UpstreamSpec("payments", 18081, java.util.List.of(
                new Route(new RequestMatch("POST", PathPattern.of("/charge/*"), Map.of("X-Api-Key", "k1"),
                        Map.of("dry", "true")), Respond.of(201, Map.of("Location", "/charge/1"), "created")),
                new Route(RequestMatch.ANY, Respond.status(200)))));
    }

    @Test
    void anUpstreamWithNothingAfterItsNameHasNoRoutesAndAFreePort() {
        assertThat(files().loaded(upstreams("  payments:\n")).upstreams().get("payments"))
                .isEqualTo(new UpstreamSpec("payments", 0, java.util.List.of()));
    }

    @Test
    void aRouteNeedsARespond() {
        assertThat(files().errors(upstreams("  payments:\n    routes:\n      - match: {path: /charge}\n"))).containsExactly(
                "5:9: upstreams.payments.routes[0]: missing key \"respond\" (expected the response to send, such as"
                        + " respond: {status: 200})");
    }

    @Test
    void aPathMustStartWithASlashAndUseWholeSegmentGlobs() {
        assertThat(files().errors(upstreams("""
                  payments:
                    routes:
                      - {match: {path: charge}, respond: {}}
                      - {match: {path: /charge*}, respond: {}}
                """))).containsExactly(
                "5:24: upstreams.payments.routes[0].match.path: \"charge\" is not a path (expected a path starting with /,"
                        + " such as /charge or /api/**)",
                "6:24: upstreams.payments.routes[1].match.path: \"charge*\" mixes * with other characters; use * for one"
                        + " whole segment or ** for many");
    }

    @Test
    void aMethodMustBeAToken() {
        assertThat(files().errors(upstreams("  p:\n    routes:\n      - {match: {method: \"GE T\"}, respond: {}}\n")))
                .containsExactly("5:26: upstreams.p.routes[0].match.method: \"GE T\" is not an HTTP method (expected a"
                        + " word such as GET or POST)");
    }

    @Test
    void anUpstreamNameMustBeUsableInATemplate() {
        assertThat(files().errors(upstreams("  pay.ments: {}\n"))).containsExactly(
                "3:3: upstreams.pay.ments: upstream name \"pay.ments\" may hold only letters, digits, \"-\" and \"_\" (it is"
                        + " used in ${upstreams.NAME.url})");
    }

    @Test
    void aPortOutside0To65535IsOutOfRange() {
        assertThat(files().errors(upstreams("  p: {port: 70000}\n"))).containsExactly(
                "3:13: upstreams.p.port: 70000 is out of range (expected a port number from 0 to 65535)");
    }

    @Test
    void aFixedUpstreamPortCannotServeManyReplicas() {
        assertThat(files().errors("""
                name: t
                upstreams:
                  payments: {port: 18081}
                target: {run: [java, C.java], replicas: 2}
                """ + ScenarioFiles.ONE_PHASE)).containsExactly(
                "3:14: upstreams.payments.port: a fixed port cannot serve 2 target replicas (each replica gets its own"
                        + " port on every upstream; remove port, or set it to 0)");
    }

    @Test
    void bodyAndBodyFileTogetherAreAnError() {
        files().write("ok.json", "{}");

        assertThat(files().errors(upstreams("  p:\n    routes:\n      - respond: {body: x, body-file: ok.json}\n")))
                .containsExactly("5:18: upstreams.p.routes[0].respond: body and body-file cannot both be given (keep one)");
    }

    @Test
    void aBodyFileIsReadRelativeToTheScenarioFolder() {
        files().write("bodies/charge.json", "{\"ok\":true}");

        Respond respond = files().loaded(upstreams("  p:\n    routes:\n      - respond: {body-file: bodies/charge.json}\n"))
                .upstreams().get("p").routes().get(0).respond();

        assertThat(new String(respond.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aBodyFileThatDoesNotExistIsAnError() throws Exception {
        assertThat(files().errors(upstreams("  p:\n    routes:\n      - respond: {body-file: missing.json}\n")))
                .containsExactly("5:30: upstreams.p.routes[0].respond.body-file: \"missing.json\" does not exist (expected"
                        + " a file at " + dir.toRealPath().resolve("missing.json") + ")");
    }

    @Test
    void aBodyFileMayNotLeaveTheScenarioFolderWithDotDot() throws Exception {
        Path scenario = files().write("scenarios/s.yaml", upstreams(
                "  p:\n    routes:\n      - respond: {body-file: ../secret.txt}\n"));
        files().write("secret.txt", "s3cret");

        assertThat(ScenarioFiles.errors(scenario)).containsExactly(
                "5:30: upstreams.p.routes[0].respond.body-file: \"../secret.txt\" leaves the scenario folder (body-file"
                        + " must stay inside the scenario folder " + dir.toRealPath().resolve("scenarios") + ")");
    }

    @Test
    void aBodyFileMayNotLeaveTheScenarioFolderThroughASymlink() throws Exception {
        files().write("secret.txt", "s3cret");
        Path scenario = files().write("scenarios/s.yaml", upstreams(
                "  p:\n    routes:\n      - respond: {body-file: link.txt}\n"));
        Files.createSymbolicLink(dir.resolve("scenarios/link.txt"), dir.resolve("secret.txt"));
        Path real = dir.toRealPath();

        assertThat(ScenarioFiles.errors(scenario)).containsExactly(
                "5:30: upstreams.p.routes[0].respond.body-file: \"link.txt\" leads through a symlink to "
                        + real.resolve("secret.txt") + ", outside the scenario folder (body-file must stay inside the"
                        + " scenario folder " + real.resolve("scenarios") + ")");
    }

    @Test
    void anAbsoluteBodyFileOutsideTheFolderIsRefused() throws Exception {
        assertThat(files().errors(upstreams("  p:\n    routes:\n      - respond: {body-file: /etc/hostname}\n")))
                .containsExactly("5:30: upstreams.p.routes[0].respond.body-file: \"/etc/hostname\" leaves the scenario"
                        + " folder (body-file must stay inside the scenario folder " + dir.toRealPath() + ")");
    }

    @Test
    void aBodyFileThatIsAFolderIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("bodies"));

        assertThat(files().errors(upstreams("  p:\n    routes:\n      - respond: {body-file: bodies}\n")))
                .containsExactly("5:30: upstreams.p.routes[0].respond.body-file: \"bodies\" is not a file (expected a file"
                        + " inside " + dir.toRealPath() + ")");
    }
}
