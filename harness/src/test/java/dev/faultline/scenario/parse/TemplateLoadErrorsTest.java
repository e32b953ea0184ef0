package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;
import dev.faultline.scenario.TargetSpec;
import dev.faultline.scenario.Template;
import dev.faultline.scenario.template.Bindings;
import dev.faultline.scenario.template.TemplateException;
import dev.faultline.scenario.template.TemplateResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templated target values are checked at load time and keep their place in the file for run-time errors. */
class TemplateLoadErrorsTest {
    @TempDir
    Path dir;

    private static String target(String yaml) {
        return "name: t\nupstreams: {payments: {}}\ntarget:\n" + yaml + ScenarioFiles.ONE_PHASE;
    }

    @Test
    void aReferenceToAnUpstreamThatDoesNotExistListsTheKnownOnes() {
        assertThat(new ScenarioFiles(dir).errors(target("  run: x\n  env: {PAYMENTS_URL: \"${upstreams.paymnts.url}\"}\n")))
                .containsExactly("5:23: target.env.PAYMENTS_URL: ${upstreams.paymnts.url} names no upstream (known: payments)");
    }

    @Test
    void anUnknownKindOfReferenceListsTheKnownKinds() {
        assertThat(new ScenarioFiles(dir).errors(target("  run: [java, \"-Dx=${upstream.payments.url}\"]\n")))
                .containsExactly("4:15: target.run[1]: ${upstream.payments.url} is not a known reference (expected"
                        + " upstreams.NAME.url, upstreams.NAME.port, upstreams.NAME.urls, upstreams.NAME.addresses,"
                        + " target.port, target.url, replica, env.VAR, scenario.dir or faultline.classpath)");
        assertThat(new ScenarioFiles(dir).errors(target("  run: \"echo ${upstreams.payments.host}\"\n")))
                .containsExactly("4:8: target.run: ${upstreams.payments.host} is not a known reference (expected"
                        + " upstreams.payments.url, upstreams.payments.port, upstreams.payments.urls or"
                        + " upstreams.payments.addresses)");
    }

    @Test
    void targetPortWithoutAPortPolicyIsAnError() {
        assertThat(new ScenarioFiles(dir).errors(target("  run: serve --port=${target.port}\n"))).containsExactly(
                "4:8: target.run: ${target.port} names no port (add port: auto to the target)");
    }

    @Test
    void targetUrlNeedsAUrlAndCannotReferToItself() {
        assertThat(new ScenarioFiles(dir).errors(target("  run: x\n  env: {SELF: \"${target.url}\"}\n"))).containsExactly(
                "5:15: target.env.SELF: ${target.url} names no url (add url to the target)");
        assertThat(new ScenarioFiles(dir).errors(target("  url: ${target.url}/x\n"))).containsExactly(
                "4:8: target.url: ${target.url} cannot be used inside target.url itself (write the url out)");
    }

    @Test
    void anUnclosedReferenceIsAnError() {
        assertThat(new ScenarioFiles(dir).errors(target("  run: x\n  env: {HOME_DIR: \"${env.HOME\"}\n"))).containsExactly(
                "5:19: target.env.HOME_DIR: unclosed \"${\" in \"${env.HOME\" (close the reference with \"}\", or write $${"
                        + " for a literal ${)");
    }

    @Test
    void everyBadReferenceOfOneValueIsReported() {
        assertThat(new ScenarioFiles(dir).errors(target("  run: \"${a} ${upstreams.x.port} ${env.1}\"\n"))).containsExactly(
                "4:8: target.run: ${a} is not a known reference (expected upstreams.NAME.url, upstreams.NAME.port,"
                        + " upstreams.NAME.urls, upstreams.NAME.addresses, target.port, target.url, replica, env.VAR,"
                        + " scenario.dir or faultline.classpath)",
                "4:8: target.run: ${upstreams.x.port} names no upstream (known: payments)",
                "4:8: target.run: ${env.1} does not name an environment variable (expected env.NAME, NAME of letters,"
                        + " digits and _)");
    }

    @Test
    void validReferencesAndEscapesLoadAsWritten() {
        TargetSpec target = new ScenarioFiles(dir).loaded(target("""
                  run: [sh, -c, "echo $${HOME} ${replica} ${scenario.dir} ${env.HOME}"]
                  port: auto
                  url: http://127.0.0.1:${target.port}
                  env:
                    SELF: ${target.url}
                    PAY: ${upstreams.payments.url}
                    PAY_PORT: ${upstreams.payments.port}
                """)).target().orElseThrow();

        assertThat(((TargetSpec.Command.Argv) target.command().orElseThrow()).args().get(2).raw())
                .isEqualTo("echo $${HOME} ${replica} ${scenario.dir} ${env.HOME}");
        assertThat(target.env().get("PAY_PORT").raw()).isEqualTo("${upstreams.payments.port}");
    }

    @Test
    void aRunTimeResolutionErrorNamesTheTemplatesPlaceInTheFile() {
        Path file = new ScenarioFiles(dir).write("scenario.yaml",
                target("  run: x\n  env:\n    TOKEN: ${env.FAULTLINE_TEST_SURELY_UNSET}\n"));
        Template token = ScenarioFiles.loaded(file).target().orElseThrow().env().get("TOKEN");

        assertThat(token.location()).isEqualTo(new SourceLocation(file, 6, 12));
        assertThatThrownBy(() -> TemplateResolver.resolve(token, Bindings.of(Map.of(), name -> null)))
                .isInstanceOf(TemplateException.class)
                .hasMessage(file + ":6:12: ${env.FAULTLINE_TEST_SURELY_UNSET} is not set (set"
                        + " FAULTLINE_TEST_SURELY_UNSET in the environment faultline runs in)");
    }
}
