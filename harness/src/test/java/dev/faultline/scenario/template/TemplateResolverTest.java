package dev.faultline.scenario.template;

import dev.faultline.scenario.SourceLocation;
import dev.faultline.scenario.Template;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolving templates from bindings at run time. */
class TemplateResolverTest {
    private static final SourceLocation AT = new SourceLocation(Path.of("scenarios/outage.yaml"), 9, 19);

    private static final Bindings RUN = Bindings.empty()
            .withUpstream("payments", 40001)
            .withTargetPort(40100)
            .withTargetUrl("http://127.0.0.1:40100")
            .withReplica(2)
            .withScenarioDir(Path.of("/work/scenarios"))
            .withEnv(Map.of("HOME", "/home/ci")::get);

    private static String resolve(String raw) {
        return TemplateResolver.resolve(new Template(raw, AT), RUN);
    }

    @Test
    void everyKindOfReferenceResolvesToItsBinding() {
        assertThat(resolve("${upstreams.payments.url}")).isEqualTo("http://127.0.0.1:40001");
        assertThat(resolve("${upstreams.payments.port}")).isEqualTo("40001");
        assertThat(resolve("--port=${target.port}")).isEqualTo("--port=40100");
        assertThat(resolve("${target.url}/health")).isEqualTo("http://127.0.0.1:40100/health");
        assertThat(resolve("replica-${replica}")).isEqualTo("replica-2");
        assertThat(resolve("${scenario.dir}/bodies")).isEqualTo("/work/scenarios/bodies");
        assertThat(resolve("${env.HOME}/.m2")).isEqualTo("/home/ci/.m2");
    }

    @Test
    void textWithoutReferencesIsUnchanged() {
        assertThat(resolve("java -jar app.jar $HOME {x} $ }")).isEqualTo("java -jar app.jar $HOME {x} $ }");
        assertThat(resolve("")).isEmpty();
    }

    @Test
    void aDoubledDollarBeforeABraceIsALiteralReferenceOpening() {
        assertThat(resolve("echo $${HOME} ${replica}")).isEqualTo("echo ${HOME} 2");
        assertThat(resolve("$${target.port}")).isEqualTo("${target.port}");
    }

    @Test
    void anUnsetEnvironmentVariableFailsWithTheTemplatesLocation() {
        assertThatThrownBy(() -> resolve("Bearer ${env.NOPE}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("scenarios/outage.yaml:9:19: ${env.NOPE} is not set (set NOPE in the environment faultline"
                        + " runs in)")
                .satisfies(e -> assertThat(((TemplateException) e).location()).isEqualTo(AT));
    }

    @Test
    void aReferenceTheRunDidNotBindFailsWithTheTemplatesLocation() {
        assertThatThrownBy(() -> resolve("${upstreams.ledger.url}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("scenarios/outage.yaml:9:19: ${upstreams.ledger.url} has no value in this run (the harness did"
                        + " not bind upstreams.ledger.url)");
    }

    @Test
    void anUnclosedReferenceFailsWithTheTemplatesLocation() {
        assertThatThrownBy(() -> resolve("http://${target.url"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("scenarios/outage.yaml:9:19: unclosed \"${\" in \"http://${target.url\" (close the reference"
                        + " with \"}\", or write $${ for a literal ${)");
    }

    @Test
    void aTemplateTheHarnessMadeFailsWithoutALocation() {
        assertThatThrownBy(() -> TemplateResolver.resolve(Template.literal("${env.NOPE}"), RUN))
                .isInstanceOf(TemplateException.class)
                .hasMessage("${env.NOPE} is not set (set NOPE in the environment faultline runs in)");
    }
}
