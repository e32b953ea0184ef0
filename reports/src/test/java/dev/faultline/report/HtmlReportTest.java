package dev.faultline.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static dev.faultline.report.Check.check;
import static dev.faultline.report.RunReportBuilder.aRun;
import static dev.faultline.report.RunReportBuilder.anOutageRun;
import static dev.faultline.report.RunReportBuilder.failedOutageRun;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void thePageFetchesNothingSoItOpensOffline() {
        String html = HtmlReport.render(failedOutageRun());

        assertThat(html).doesNotContain("<script", "<link", "<img", "<iframe", "<object", "src=", "@import", "http://", "https://");
        assertThat(html).as("every url() points inside the page").doesNotContainPattern("url\\((?!#)");
        assertThat(html).contains("<style>");
    }

    @Test
    void thePageIsWellFormedSoNoTextEscapedItsElement() throws Exception {
        Document page = parse(HtmlReport.render(failedOutageRun()));

        assertThat(page.getDocumentElement().getNodeName()).isEqualTo("html");
        assertThat(texts(page, "//h1")).containsExactly("checkout survives a payments outage");
    }

    @Test
    void theBannerNamesTheVerdictInWordsAndSymbolNotOnlyColour() throws Exception {
        Document page = parse(HtmlReport.render(failedOutageRun()));

        assertThat(texts(page, "//header[contains(@class,'banner')]/p[@class='verdict']"))
                .containsExactly("✗Failedexit code 1");
        assertThat(texts(page, "/html/head/title")).containsExactly("Failed · checkout survives a payments outage · faultline");
    }

    @Test
    void theExpectationsTableHasARowPerCheckWithAWordedStatus() throws Exception {
        Document page = parse(HtmlReport.render(failedOutageRun()));

        assertThat(texts(page, "//section[@id='expectations']//tbody/tr/td[1]"))
                .containsExactly("✓ Passed", "✗ Failed", "? Inconclusive", "✓ Passed");
        assertThat(texts(page, "//section[@id='expectations']//tbody/tr[2]/td"))
                .containsExactly("✗ Failed", "retries.max-amplificationretries", "4.20 attempts/call", "≤ 2.0",
                        "2,100 attempts for 500 logical calls during outage; retries came with no backoff");
    }

    @Test
    void eachSeriesGroupIsOneSvgChartWithALinePerSeries() throws Exception {
        Document page = parse(HtmlReport.render(failedOutageRun()));

        assertThat(texts(page, "//figure[@class='chart']/figcaption/h3")).containsExactly("payments", "checkout latency");
        assertThat(count(page, "//figure[@class='chart'][1]/svg/g[@class='series']/polyline")).isEqualTo(2);
        assertThat(count(page, "//figure[@class='chart'][2]/svg[1]/g[@class='series']/polyline")).isEqualTo(1);
        assertThat(texts(page, "//figure[@class='chart'][1]/ul[@class='legend']/li"))
                .containsExactly("payments: requests/s peak 310 requests/s", "payments: 503/s peak 300 requests/s", "faults injected");
    }

    @Test
    void aChartHasTicksAndUnitsOnBothAxesAndItsPhasesShadedAndLabelled() throws Exception {
        Document page = parse(HtmlReport.render(failedOutageRun()));
        String chart = "//figure[@class='chart'][1]/svg";

        assertThat(texts(page, chart + "/g[@class='axis']/text[@text-anchor='middle' and not(@class)]"))
                .containsExactly("0", "5", "10", "15", "20", "25", "30");
        assertThat(texts(page, chart + "/g[@class='axis']/text[@text-anchor='end']"))
                .containsExactly("0", "100", "200", "300", "400");
        assertThat(texts(page, chart + "/g[@class='axis']/text[@class='axis-title']"))
                .containsExactly("seconds since start (s)", "requests/s");
        assertThat(texts(page, chart + "/g[@class='phases']/text")).containsExactly("warm-up", "outage", "recovery");
        assertThat(attributes(page, chart + "/g[@class='phases']/rect", "fill"))
                .containsExactly("#f6f8fa", "url(#chart-0-hatch)", "#f6f8fa");
        assertThat(count(page, "//pattern[@id='chart-0-hatch']")).isEqualTo(1);
        assertThat(count(page, "//pattern[@id='chart-1-hatch']")).isEqualTo(1);
    }

    @Test
    void aPhaseTooNarrowForItsNameIsLabelledShortOrNotAtAllButKeepsItsFullNameInTheTooltip() throws Exception {
        RunReport report = aRun().durationSeconds(100)
                .phases(new PhaseReport("warm-up", 0, 90, List.of()),
                        new PhaseReport("payments-brownout-with-retries", 90, 99.5, List.of("p/payments[0]")),
                        new PhaseReport("cool-down", 99.5, 100, List.of()))
                .series(new Series("payments: requests/s", "requests/s", "payments", 1.0, List.of(1.0, 2.0)))
                .build();

        Document page = parse(HtmlReport.render(report));

        assertThat(texts(page, "//g[@class='phases']/text")).containsExactly("warm-up", "payments-b…");
        assertThat(texts(page, "//g[@class='phases']/rect/title")).containsExactly(
                "warm-up 0.0 s to 90.0 s, no faults",
                "payments-brownout-with-retries 90.0 s to 99.5 s, faults: p/payments[0]",
                "cool-down 99.5 s to 100.0 s, no faults");
    }

    @Test
    void aBinWithoutDataIsAGapInTheLineNotADropToZero() throws Exception {
        RunReport report = aRun().series(new Series("payments: requests/s", "requests/s", "payments", 1.0,
                List.of(40.0, 41.0, Double.NaN, Double.NaN, 39.0, 40.0))).build();

        Document page = parse(HtmlReport.render(report));

        assertThat(count(page, "//g[@class='series']/polyline")).isEqualTo(2);
    }

    @Test
    void stackedSeriesAreAreasEachStartingWhereTheOneBelowEnds() throws Exception {
        RunReport report = aRun().durationSeconds(2).series(
                new Series("load: 2xx", "requests/s", "load", 1.0, List.of(10.0, 4.0), true, List.of()),
                new Series("load: 5xx", "requests/s", "load", 1.0, List.of(0.0, 6.0), true, List.of()),
                new Series("load: timeout", "requests/s", "load", 1.0, List.of(Double.NaN, 2.0), true, List.of())).build();

        Document page = parse(HtmlReport.render(report));

        String svg = "//figure[@class='chart']/svg";
        assertThat(attributes(page, svg + "/g[@class='series stacked']", "data-series")).containsExactly("load: 2xx", "load: 5xx", "load: timeout");
        assertThat(attributes(page, svg + "/g[@class='series stacked']", "fill")).containsExactly("#2da44e", "#cf222e", "#8250df");
        // The y axis reaches the tallest stack (4 + 6 + 2 = 12), not the tallest series (10).
        assertThat(texts(page, svg + "/g[@class='axis']/text[@text-anchor='end']")).last().isEqualTo("15");
        List<Double> top = tops(attributes(page, svg + "/g[@data-series='load: 5xx']/polygon", "points").get(0));
        List<Double> below = tops(attributes(page, svg + "/g[@data-series='load: 2xx']/polygon", "points").get(0));
        assertThat(top.get(1)).as("5xx in bin 1 starts on 2xx's top and adds 6 of 15").isCloseTo(below.get(1) - 6.0 / 15 * 220, org.assertj.core.data.Offset.offset(0.2));
        assertThat(count(page, svg + "/g[@data-series='load: timeout']/polygon")).as("no band where timeout has no data").isEqualTo(1);
        assertThat(attributes(page, svg + "/g[@data-series='load: timeout']/polygon", "points").get(0)).startsWith("504.0,");
    }

    @Test
    void aCheckLimitIsALineOnTheChartWhoseSeriesItJudgesInTheSameUnit() throws Exception {
        RunReport report = aRun().durationSeconds(4)
                .expect(check("latency.p99").passed().measured(120, "ms").limit("<=", 500, "500 ms"))
                .expect(check("health.max-probe-latency").passed().measured(20, "ms").limit("<=", 300, "300 ms"))
                .expect(check("latency.min-success-rate").passed().measured(0.99, "ratio").limit(">=", 0.95, "0.95"))
                .series(new Series("load: p99 latency", "ms", "load latency", 1.0, List.of(100.0, 120.0, 90.0, 80.0), false, List.of("latency")),
                        new Series("load: requests/s", "requests/s", "load", 1.0, List.of(20.0, 20.0, 20.0, 20.0)))
                .build();

        Document page = parse(HtmlReport.render(report));

        assertThat(attributes(page, "//figure[@data-group='load latency']/svg[1]/g[@class='limit']", "data-check")).containsExactly("latency.p99");
        assertThat(texts(page, "//figure[@data-group='load latency']/svg[1]/g[@class='limit']/text")).containsExactly("latency.p99 ≤ 500 ms");
        assertThat(texts(page, "//figure[@data-group='load latency']/svg[1]/g[@class='axis']/text[@text-anchor='end']"))
                .as("the axis reaches up to the limit above the data").last().isEqualTo("500");
        assertThat(count(page, "//figure[@data-group='load']//g[@class='limit']")).isZero();
        assertThat(texts(page, "//figure[@data-group='load latency']/ul[@class='legend']/li")).contains("check limit");
    }

    @Test
    void aLatencyChartIsDrawnOnALinearAndALogAxisWithACheckboxToSwapThem() throws Exception {
        RunReport report = aRun().durationSeconds(3)
                .series(new Series("load: p99 latency", "ms", "load latency", 1.0, List.of(5.0, 4_000.0, 6.0))).build();

        Document page = parse(HtmlReport.render(report));

        String figure = "//figure[@data-group='load latency']";
        assertThat(attributes(page, figure + "/input", "type")).containsExactly("checkbox");
        assertThat(attributes(page, figure + "/label", "for")).containsExactly("chart-0-log-toggle");
        assertThat(attributes(page, figure + "/svg", "data-scale")).containsExactly("linear", "log");
        assertThat(texts(page, figure + "/svg[@data-scale='log']/g[@class='axis']/text[@text-anchor='end']"))
                .containsExactly("1", "10", "100", "1k", "10k");
        assertThat(texts(page, figure + "/svg[@data-scale='linear']/g[@class='axis']/text[@text-anchor='end']"))
                .containsExactly("0", "1000", "2000", "3000", "4000");
        assertThat(count(page, "//*[@id='chart-0-log-title']")).isEqualTo(1);
        assertThat(count(page, "//figure[@data-group='load latency']/svg[@data-scale='log']//pattern[@id='chart-0-log-hatch']")).isEqualTo(1);
    }

    @Test
    void phaseChangesAndSignalsAreMarkedAcrossEveryChart() throws Exception {
        RunReport report = anOutageRun().markers(new Marker(15.5, "signal", "TERM → replica 0")).build();

        Document page = parse(HtmlReport.render(report));

        String chart = "//figure[@class='chart'][1]/svg";
        assertThat(attributes(page, chart + "/*[contains(@class,'phase-change')]", "data-label")).containsExactly("outage", "recovery");
        assertThat(attributes(page, chart + "/*[contains(@class,'phase-change')]", "data-at")).containsExactly("10.0", "20.0");
        assertThat(attributes(page, chart + "/g[@class='marker signal']", "data-at")).containsExactly("15.5");
        assertThat(texts(page, chart + "/g[@class='marker signal']/text")).containsExactly("⚡ TERM → replica 0");
        assertThat(count(page, "//svg[@role='img']/g[@class='marker signal']")).as("on every drawing of every chart").isEqualTo(3);
    }

    @Test
    void reportTextCannotInjectMarkupAnywhere() throws Exception {
        String evil = "<script>alert(\"x\")</script><img src=x onerror=alert(1)>&amp;";
        RunReport report = anOutageRun().scenario(evil).verdict(Verdict.FAILED).message(evil)
                .expect(check("retries." + evil).failed().measured(4.2, evil).limit("<=", 2, evil).explanation(evil))
                .phases(new PhaseReport(evil, 0, 10, List.of(evil)))
                .series(new Series(evil, evil, evil, 1.0, List.of(1.0, 2.0)))
                .targets(new TargetReport(0, evil, 1, 2, null, null, null, false, false, evil, evil))
                .harness(new HarnessReport(null, null, 0, List.of(evil), List.of(evil)))
                .build();

        String html = HtmlReport.render(report);
        Document page = parse(html);

        assertThat(html).doesNotContain("<script", "<img");
        assertThat(texts(page, "//h1")).containsExactly(evil);
        assertThat(count(page, "//script | //img")).isZero();
    }

    @Test
    void logFilesAreRelativeLinksAndAnythingElseIsShownAsText() throws Exception {
        RunReport report = anOutageRun().targets(
                new TargetReport(0, "java A.java", 10, 41100, 1.0, 0, 30.0, false, false, "target-0.stdout.log", "javascript:alert(1)"),
                new TargetReport(1, "java A.java", 11, 41101, 1.0, 0, 30.0, false, true, "../../etc/passwd", "")).build();

        Document page = parse(HtmlReport.render(report));

        assertThat(attributes(page, "//section[@id='targets']//a", "href")).containsExactly("target-0.stdout.log");
        assertThat(texts(page, "//section[@id='targets']//td/code"))
                .contains("javascript:alert(1)", "../../etc/passwd");
        assertThat(texts(page, "//section[@id='targets']//tbody/tr[2]/td[7]")).containsExactly("at 30.0 s ✗ killed after the grace period");
    }

    @Test
    void theSeedAndHowToReplayAreInACollapsedSection() throws Exception {
        Document page = parse(HtmlReport.render(failedOutageRun()));

        Element replay = (Element) XPathFactory.newInstance().newXPath().evaluate("//details[@id='replay']", page, XPathConstants.NODE);
        assertThat(replay.hasAttribute("open")).isFalse();
        assertThat(texts(page, "//details[@id='replay']/pre")).containsExactly("faultline run scenarios/outage.yaml --seed 7");
        assertThat(texts(page, "//details[@id='replay']/p[1]/code")).containsExactly("7");
    }

    @Test
    void unfiredRulesAndJournalDropsAreFlaggedInTheHarnessSection() throws Exception {
        RunReport report = anOutageRun().journal(new JournalReport(1_000_000, 1_200, 1_000_000, "journal.jsonl")).build();

        Document page = parse(HtmlReport.render(report));

        assertThat(texts(page, "//section[@id='harness']//li")).contains(
                "⚠ never fired outage/payments[2]",
                "Journal: 1,000,000 events in journal.jsonl ⚠ 1,200 events dropped past the cap of 1,000,000.");
    }

    @Test
    void aRunWithoutSeriesOrPhasesHasNoTimelineAndSaysNoChecksWereJudged() throws Exception {
        Document page = parse(HtmlReport.render(aRun().verdict(Verdict.ERROR).message("port 41100 is taken").build()));

        assertThat(count(page, "//section[@id='timeline'] | //svg[@role='img']")).isZero();
        assertThat(texts(page, "//p[@class='callout']")).containsExactly("error: port 41100 is taken");
        assertThat(texts(page, "//section[@id='expectations']/p")).containsExactly("No expectations were judged.");
    }

    /** The y of each top corner of a band's polygon, left to right, one per bin. */
    private static List<Double> tops(String points) {
        String[] pairs = points.split(" ");
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < pairs.length / 2; i += 2) {
            ys.add(Double.parseDouble(pairs[i].split(",")[1]));
        }
        return ys;
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    }

    private static List<String> texts(Document page, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().replaceAll("\\s+", " ").strip());
        }
        return texts;
    }

    private static List<String> attributes(Document page, String xpath, String attribute) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getAttribute(attribute));
        }
        return values;
    }

    private static int count(Document page, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET)).getLength();
    }
}
