package dev.faultline.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;
import java.util.stream.Stream;

import static dev.faultline.report.Check.check;
import static dev.faultline.report.JUnitXml.cases;
import static dev.faultline.report.JUnitXml.child;
import static dev.faultline.report.JUnitXml.children;
import static dev.faultline.report.JUnitXml.outcome;
import static dev.faultline.report.JUnitXml.parse;
import static dev.faultline.report.JUnitXml.suites;
import static dev.faultline.report.JUnitXml.testCase;
import static dev.faultline.report.RunReportBuilder.aRun;
import static dev.faultline.report.RunReportBuilder.anOutageRun;
import static dev.faultline.report.RunReportBuilder.failedOutageRun;
import static dev.faultline.report.RunReportBuilder.heldOutageRun;
import static org.assertj.core.api.Assertions.assertThat;

class JUnitXmlReportTest {

    @Test
    void aScenarioIsOneSuiteNamedAfterItWithCountsTimeAndUtcTimestamp() throws Exception {
        Document doc = parse(JUnitXmlReport.render(failedOutageRun()));

        Element suite = doc.getDocumentElement();
        assertThat(suite.getNodeName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("checkout survives a payments outage");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("32.400");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-26T10:15:30");
    }

    @Test
    void eachCheckIsATestCaseNamedByItsIdInTheScenariosClass() throws Exception {
        Element suite = parse(JUnitXmlReport.render(failedOutageRun())).getDocumentElement();

        assertThat(cases(suite)).extracting(c -> c.getAttribute("name")).containsExactly(
                "retries.require-jitter", "retries.max-amplification", "health.readiness.fails-within", "shutdown.max-failed-in-flight");
        assertThat(cases(suite)).extracting(c -> c.getAttribute("classname"))
                .containsOnly("faultline.checkout-survives-a-payments-outage");
        assertThat(cases(suite)).extracting(JUnitXml::outcome).containsExactly("passed", "failure", "skipped", "passed");
    }

    @Test
    void aFailedCheckNamesMeasuredAndLimitInItsMessageAndExplainsInItsBody() throws Exception {
        Element suite = parse(JUnitXmlReport.render(failedOutageRun())).getDocumentElement();

        Element failure = child(testCase(suite, "retries.max-amplification"), "failure");
        assertThat(failure.getAttribute("message")).isEqualTo("measured 4.20 attempts/call, limit <= 2.0");
        assertThat(failure.getAttribute("type")).isEqualTo("expectation");
        assertThat(failure.getTextContent())
                .isEqualTo("2,100 attempts for 500 logical calls during outage; retries came with no backoff");
    }

    @Test
    void anInconclusiveCheckIsSkippedWithItsExplanationAsTheReason() throws Exception {
        Element suite = parse(JUnitXmlReport.render(failedOutageRun())).getDocumentElement();

        Element skipped = child(testCase(suite, "health.readiness.fails-within"), "skipped");
        assertThat(skipped.getAttribute("message")).isEqualTo("readiness was never probed during outage");
    }

    @Test
    void propertiesCarryTheSeedVerdictFileAndReplayCommand() throws Exception {
        Element suite = parse(JUnitXmlReport.render(failedOutageRun())).getDocumentElement();

        List<Element> properties = children(child(suite, "properties"), "property");
        assertThat(properties).extracting(p -> p.getAttribute("name") + "=" + p.getAttribute("value")).containsExactly(
                "seed=7", "verdict=failed", "file=scenarios/outage.yaml", "replay=faultline run scenarios/outage.yaml --seed 7");
    }

    @Test
    void markupQuotesAndControlCharactersInIdsAndTextsArriveIntact() throws Exception {
        String nasty = "a<b & \"c\" 'd' ]]> --> e";
        RunReport report = aRun().scenario("svc <edge> & \"quotes\"")
                .expect(check("retries[0]." + nasty).failed().measured(4.2, "attempts/call").limit("<=", 2.0, "2.0")
                        .explanation(nasty + "\nsecond line\u0001"))
                .expect(check("health." + nasty).inconclusive().explanation("why: " + nasty + "\nline two"))
                .verdict(Verdict.FAILED).build();

        Element suite = parse(JUnitXmlReport.render(report)).getDocumentElement();

        assertThat(suite.getAttribute("name")).isEqualTo("svc <edge> & \"quotes\"");
        Element failure = child(testCase(suite, "retries[0]." + nasty), "failure");
        assertThat(failure.getTextContent()).isEqualTo(nasty + "\nsecond line\uFFFD");
        assertThat(child(testCase(suite, "health." + nasty), "skipped").getAttribute("message"))
                .as("a line break in an attribute must survive attribute normalisation")
                .isEqualTo("why: " + nasty + "\nline two");
        assertThat(testCase(suite, "health." + nasty).getAttribute("classname")).isEqualTo("faultline.svc-edge-quotes");
    }

    @Test
    void anErrorRunWithoutChecksIsOneRunCaseCarryingTheMessage() throws Exception {
        RunReport report = aRun().verdict(Verdict.ERROR).message("target 0 did not become ready within 30 s").build();

        Element suite = parse(JUnitXmlReport.render(report)).getDocumentElement();

        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element error = child(testCase(suite, "run"), "error");
        assertThat(error.getAttribute("message")).isEqualTo("target 0 did not become ready within 30 s");
        assertThat(error.getAttribute("type")).isEqualTo("error");
    }

    @Test
    void anInvalidRunWithoutAMessageStillSaysWhatTheVerdictMeans() throws Exception {
        Element suite = parse(JUnitXmlReport.render(aRun().verdict(Verdict.INVALID).build())).getDocumentElement();

        Element error = child(testCase(suite, "run"), "error");
        assertThat(error.getAttribute("type")).isEqualTo("invalid");
        assertThat(error.getAttribute("message")).isEqualTo("the scenario or the command line was invalid");
    }

    @Test
    void anAbortedRunKeepsItsChecksAndAddsAnErroredRunCaseSoCiIsNotGreen() throws Exception {
        RunReport report = anOutageRun().verdict(Verdict.ABORTED).message("interrupted by SIGTERM at 14.2 s")
                .expect(check("retries.max-amplification").passed().measured(1.1, "attempts/call").limit("<=", 2.0, "2.0"))
                .build();

        Element suite = parse(JUnitXmlReport.render(report)).getDocumentElement();

        assertThat(cases(suite)).extracting(c -> c.getAttribute("name") + ":" + outcome(c))
                .containsExactly("retries.max-amplification:passed", "run:error");
        assertThat(child(testCase(suite, "run"), "error").getAttribute("type")).isEqualTo("aborted");
    }

    @Test
    void anInconclusiveRunWhoseChecksAllPassedAddsASkippedRunCaseWithTheReason() throws Exception {
        RunReport report = anOutageRun().verdict(Verdict.INCONCLUSIVE).message("harness lagged: delay lateness p99 41 ms > 10 ms")
                .expect(check("retries.max-amplification").passed().measured(1.1, "attempts/call").limit("<=", 2.0, "2.0"))
                .build();

        Element suite = parse(JUnitXmlReport.render(report)).getDocumentElement();

        assertThat(outcome(testCase(suite, "run"))).isEqualTo("skipped");
        assertThat(child(testCase(suite, "run"), "skipped").getAttribute("message"))
                .isEqualTo("harness lagged: delay lateness p99 41 ms > 10 ms");
    }

    @Test
    void rulesThatNeverFiredAreToldInTheSuitesSystemOut() throws Exception {
        Element suite = parse(JUnitXmlReport.render(failedOutageRun())).getDocumentElement();

        assertThat(child(suite, "system-out").getTextContent()).contains("fault rules that never fired: outage/payments[2]");
    }

    @Test
    void severalScenariosAreSuitesInOneDocumentWhoseRootCarriesTheTotals() throws Exception {
        RunReport error = aRun().scenario("slow start").verdict(Verdict.ERROR).message("port 41100 taken").durationSeconds(0.5).build();

        Document doc = parse(JUnitXmlReport.render(List.of(failedOutageRun(), heldOutageRun(), error)));

        Element root = doc.getDocumentElement();
        assertThat(root.getNodeName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("7");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("65.300");
        assertThat(suites(doc)).extracting(s -> s.getAttribute("name"))
                .containsExactly("checkout survives a payments outage", "checkout survives a payments outage", "slow start");
    }

    @Test
    void anOffsetStartTimeIsGivenInUtcAndAnUnreadableOneIsLeftOut() throws Exception {
        Element offset = parse(JUnitXmlReport.render(aRun().startedAt("2026-11-26T11:15:30+01:00").build())).getDocumentElement();
        Element unreadable = parse(JUnitXmlReport.render(aRun().startedAt("yesterday").build())).getDocumentElement();

        assertThat(offset.getAttribute("timestamp")).isEqualTo("2026-11-26T10:15:30");
        assertThat(unreadable.hasAttribute("timestamp")).isFalse();
    }

    static Stream<RunReport> everyKindOfRun() {
        return Stream.of(
                failedOutageRun(),
                heldOutageRun(),
                aRun().build(),
                aRun().verdict(Verdict.ERROR).message("boom").build(),
                anOutageRun().verdict(Verdict.ABORTED).expect(check("latency.p99").failed().measured(900, "ms").limit("<=", 250, "250ms")).build(),
                anOutageRun().verdict(Verdict.INCONCLUSIVE).expect(check("health.readiness.fails-within").inconclusive()).build());
    }

    @ParameterizedTest
    @MethodSource("everyKindOfRun")
    void suiteCountsAgreeWithTheTestCasesTheyHold(RunReport report) throws Exception {
        for (Element suite : suites(parse(JUnitXmlReport.render(List.of(report, report))))) {
            List<Element> cases = cases(suite);
            assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(cases.size()));
            assertThat(suite.getAttribute("failures")).isEqualTo(count(cases, "failure"));
            assertThat(suite.getAttribute("errors")).isEqualTo(count(cases, "error"));
            assertThat(suite.getAttribute("skipped")).isEqualTo(count(cases, "skipped"));
            assertThat(cases).allSatisfy(c -> {
                assertThat(c.getAttribute("classname")).startsWith("faultline.").doesNotContain(" ");
                assertThat(c.getAttribute("name")).isNotBlank();
                assertThat(Double.parseDouble(c.getAttribute("time"))).isNotNegative();
            });
        }
    }

    private static String count(List<Element> cases, String outcome) {
        return String.valueOf(cases.stream().filter(c -> outcome(c).equals(outcome)).count());
    }
}
