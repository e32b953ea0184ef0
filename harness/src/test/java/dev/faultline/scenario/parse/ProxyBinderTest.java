package dev.faultline.scenario.parse;

import dev.faultline.run.ProxyUrls;
import dev.faultline.scenario.Scenario;
import dev.faultline.scenario.template.TemplateException;
import dev.faultline.upstream.spec.UpstreamProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code upstreams.NAME.proxy} and {@code preserve-host}: what the loader accepts, refuses, and how the run resolves it. */
class ProxyBinderTest {
    @TempDir
    Path dir;

    private String scenario(String upstream) {
        return "name: t\nupstreams:\n  deps:\n" + upstream + "phases:\n  - name: a\n    duration: 1s\n";
    }

    @Test
    void aLiteralUrlAndPreserveHostAreBound() {
        Scenario s = new ScenarioFiles(dir).loaded(scenario("    proxy: http://127.0.0.1:8080/api\n    preserve-host: true\n"));
        assertThat(s.upstreams().get("deps").proxy()).contains(new UpstreamProxy("http://127.0.0.1:8080/api", true));
        assertThat(s.features()).anyMatch(f -> f.key().equals("upstreams.proxy") && f.path().equals("upstreams.deps.proxy"));
    }

    @Test
    void anEnvironmentReferenceIsResolvedWhenTheUpstreamStarts() {
        Scenario s = new ScenarioFiles(dir).loaded(scenario("    proxy: ${env.PAYMENTS_URL}\n"));
        assertThat(ProxyUrls.resolve(s, Map.of("PAYMENTS_URL", "https://payments.staging:8443/v2")::get).get("deps").proxy())
                .contains(new UpstreamProxy("https://payments.staging:8443/v2", false));
        assertThatThrownBy(() -> ProxyUrls.resolve(s, name -> null))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(":4:12: ${env.PAYMENTS_URL} is not set (set PAYMENTS_URL in the environment");
        assertThatThrownBy(() -> ProxyUrls.resolve(s, Map.of("PAYMENTS_URL", "payments:80")::get))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(":4:12: upstreams.deps.proxy ${env.PAYMENTS_URL} became payments:80 is not an absolute http or https URL");
    }

    @Test
    void badUrlsAndAStrayPreserveHostAreRefusedWithTheirPlace() {
        assertThat(new ScenarioFiles(dir).errors(scenario("    proxy: ftp://files.example\n")))
                .anyMatch(e -> e.startsWith("4:5: upstreams.deps.proxy: ftp://files.example is not an absolute http or https URL;"
                        + " write it like http://127.0.0.1:8080"));
        assertThat(new ScenarioFiles(dir).errors(scenario("    proxy: http://h:1/x?y=1\n")))
                .anyMatch(e -> e.contains("has a query or fragment"));
        assertThat(new ScenarioFiles(dir).errors(scenario("    proxy: ${upstreams.deps.url}\n")))
                .anyMatch(e -> e.contains("upstreams.deps.proxy"));
        assertThat(new ScenarioFiles(dir).errors(scenario("    preserve-host: true\n")))
                .anyMatch(e -> e.startsWith("4:5: upstreams.deps.preserve-host: ") && e.contains("preserve-host applies only to a proxy upstream; add proxy: URL"));
    }
}
