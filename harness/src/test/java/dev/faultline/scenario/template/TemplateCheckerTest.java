package dev.faultline.scenario.template;

import dev.faultline.scenario.Template;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Load-time checks of template references against what the scenario declares. */
class TemplateCheckerTest {
    private static final TemplateScope WITH_PORT_AND_URL = new TemplateScope(Set.of("payments", "ledger"), true, true, false);
    private static final TemplateScope BARE = new TemplateScope(Set.of(), false, false, false);

    private static List<String> problems(String raw, TemplateScope scope) {
        return TemplateChecker.problems(Template.literal(raw), scope);
    }

    @Test
    void referencesToDeclaredThingsHaveNoProblems() {
        assertThat(problems("${upstreams.ledger.url} ${upstreams.payments.port} ${target.port} ${target.url} ${replica}"
                + " ${scenario.dir} ${env.CI}", WITH_PORT_AND_URL)).isEmpty();
    }

    @Test
    void aPoolsUrlsAndAddressesAreKnownReferencesAndOtherAttributesAreNot() {
        assertThat(problems("${upstreams.payments.urls} ${upstreams.payments.addresses}", WITH_PORT_AND_URL)).isEmpty();
        assertThat(problems("${upstreams.payments.hosts}", WITH_PORT_AND_URL)).containsExactly(
                "${upstreams.payments.hosts} is not a known reference (expected upstreams.payments.url,"
                        + " upstreams.payments.port, upstreams.payments.urls or upstreams.payments.addresses)");
    }

    @Test
    void escapedReferencesAreNotChecked() {
        assertThat(problems("$${whatever} $${", BARE)).isEmpty();
    }

    @Test
    void unknownUpstreamsListTheKnownOnesInOrder() {
        assertThat(problems("${upstreams.paymnts.url}", WITH_PORT_AND_URL))
                .containsExactly("${upstreams.paymnts.url} names no upstream (known: ledger, payments)");
        assertThat(problems("${upstreams.paymnts.url}", BARE))
                .containsExactly("${upstreams.paymnts.url} names no upstream (known: none; declare it under upstreams)");
    }

    @Test
    void targetReferencesNeedAPortAndAUrl() {
        assertThat(problems("${target.port} ${target.url}", BARE)).containsExactly(
                "${target.port} names no port (add port: auto to the target)",
                "${target.url} names no url (add url to the target)");
        assertThat(problems("${target.url}", WITH_PORT_AND_URL.forTargetUrl())).containsExactly(
                "${target.url} cannot be used inside target.url itself (write the url out)");
    }

    @Test
    void emptyAndSpacedReferencesAreNotKnown() {
        assertThat(problems("${} ${ replica }", BARE)).containsExactly(
                "${} is not a known reference (expected upstreams.NAME.url, upstreams.NAME.port, upstreams.NAME.urls,"
                        + " upstreams.NAME.addresses, target.port, target.url, replica, env.VAR, scenario.dir or"
                        + " faultline.classpath)",
                "${ replica } is not a known reference (expected upstreams.NAME.url, upstreams.NAME.port,"
                        + " upstreams.NAME.urls, upstreams.NAME.addresses, target.port, target.url, replica, env.VAR,"
                        + " scenario.dir or faultline.classpath)");
    }

    @Test
    void parsingSplitsTextAndReferencesAndUndoesEscapes() {
        ParsedTemplate parsed = ParsedTemplate.parse(Template.literal("a$${b}${replica}c"));

        assertThat(parsed.parts()).containsExactly(new ParsedTemplate.Text("a${b}"),
                new ParsedTemplate.Reference("replica"), new ParsedTemplate.Text("c"));
        assertThat(parsed.references()).extracting(ParsedTemplate.Reference::written).containsExactly("${replica}");
    }
}
