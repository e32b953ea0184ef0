package dev.faultline.tls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.cli.ExitCodes;
import dev.faultline.run.RuntimeSupport;
import dev.faultline.scenario.parse.LoadOutcome;
import dev.faultline.scenario.parse.ScenarioLoader;
import dev.faultline.testing.Faultline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled scenarios of {@code scenarios/tls/} run end to end: the run's authority is written to
 * the report folder, the target (curl, Python) trusts it through {@code ${ca.*}} and reaches the
 * HTTPS and mTLS upstreams, and the retry checks judge what they did.
 */
class TlsScenarioAcceptanceTest {
    private static final Path LIBRARY = Faultline.REPO.resolve("scenarios/tls");

    @TempDir
    Path dir;

    @Test
    void everyScenarioInTheLibraryValidatesAndIsSupportedAtRunTime() {
        Faultline.Result result = Faultline.run(Path.of("").toAbsolutePath(), "validate", LIBRARY.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        for (Path file : ScenarioLoader.expand(List.of(LIBRARY))) {
            LoadOutcome loaded = new ScenarioLoader().load(file);
            assertThat(loaded).as(file.toString()).isInstanceOf(LoadOutcome.Loaded.class);
            assertThat(RuntimeSupport.unsupported(((LoadOutcome.Loaded) loaded).scenario())).as(file.toString()).isEmpty();
        }
    }

    @Test
    void curlOverMtlsMakesExactlyThreeAttemptsPerCallAndTheRunWritesItsAuthority() throws Exception {
        Path out = dir.resolve("out");
        Faultline.Result result = Faultline.run(dir, "run", LIBRARY.resolve("mtls-curl-retries.yaml").toString(),
                "--report-dir", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(out);
        JsonNode attempts = Faultline.check(report, "retries.max-attempts-per-call");
        assertThat(attempts.get("measured").asDouble()).isEqualTo(3.0);
        assertThat(report.at("/upstreams/0/byStatus/503").asLong()).as("2 replicas x 3 attempts, all over mTLS").isEqualTo(6);
        assertThat(report.at("/targets/0/exitCode").asInt()).isZero();
        for (String file : new String[]{"ca.pem", "ca-truststore.p12", "client-cert.pem", "client-key.pem", "client.p12"}) {
            assertThat(out.resolve("tls").resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("tls/ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void pythonTrustingTheAuthorityThroughSslCertFileRetriesOnceOverHttps() {
        Path out = dir.resolve("out");
        Faultline.Result result = Faultline.run(dir, "run", LIBRARY.resolve("python-https.yaml").toString(),
                "--report-dir", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(out);
        assertThat(Faultline.check(report, "retries.max-attempts-per-call").get("measured").asDouble()).isEqualTo(2.0);
        assertThat(report.at("/upstreams/0/byStatus/503").asLong()).isEqualTo(2);
        assertThat(report.at("/targets/0/exitCode").asInt()).isZero();
    }

    @Test
    void aJavaClientConfiguredOnlyBySystemPropertiesTalksMtlsAndIsJudged() {
        Path out = dir.resolve("out");
        Faultline.Result result = Faultline.run(dir, "run", LIBRARY.resolve("java-mtls.yaml").toString(),
                "--report-dir", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(out);
        assertThat(report.at("/upstreams/0/byStatus/200").asLong()).as("calls served over mTLS").isPositive();
        assertThat(report.at("/upstreams/0/byStatus/503").asLong()).as("calls in the outage").isPositive();
    }

    @Test
    void curlOverHttp2RetriesOnItsConnectionAndIsCountedAsThreeAttemptsPerCall() throws Exception {
        Path out = dir.resolve("out");
        Faultline.Result result = Faultline.run(dir, "run", LIBRARY.resolve("http2-curl-retries.yaml").toString(),
                "--report-dir", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.HELD);
        JsonNode report = Faultline.report(out);
        assertThat(Faultline.check(report, "retries.max-attempts-per-call").get("measured").asDouble()).isEqualTo(3.0);
        assertThat(report.at("/upstreams/0/byStatus/503").asLong()).isEqualTo(6);
        // curl printed the protocol it used for its last attempt: HTTP/2.
        assertThat(Files.readString(out.resolve("target-0.stdout.log"))).startsWith("2 ");
        assertThat(Files.readString(out.resolve("target-1.stdout.log"))).startsWith("2 ");
    }
}
