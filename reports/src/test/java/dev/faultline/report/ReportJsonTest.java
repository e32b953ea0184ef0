package dev.faultline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.faultline.report.RunReportBuilder.aRun;
import static dev.faultline.report.RunReportBuilder.failedOutageRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportJsonTest {

    private final ObjectMapper plainJackson = new ObjectMapper();

    @Test
    void aReportReadBackFromItsJsonEqualsTheOriginal() {
        RunReport report = failedOutageRun();

        assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
    }

    @Test
    void anErrorRunWithNullsAndEmptyListsSurvivesTheRoundTrip() {
        RunReport report = aRun().verdict(Verdict.ERROR).message("target 0 did not become ready within 30 s")
                .targets(new TargetReport(0, "java Broken.java", -1, 0, null, null, null, false, false, "", ""))
                .build();

        assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
    }

    @Test
    void aSeriesGapWrittenAsNotANumberSurvivesTheRoundTrip() {
        RunReport report = aRun().series(new Series("payments: requests/s", "requests/s", "payments", 1.0,
                List.of(40.0, Double.NaN, 41.0))).build();

        assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
    }

    @Test
    void keysAreTheRecordComponentNamesAndEnumsTheirLowerCaseWords() throws Exception {
        JsonNode json = plainJackson.readTree(ReportJson.write(failedOutageRun()));

        assertThat(json.fieldNames()).toIterable().containsExactly("formatVersion", "scenario", "file", "description", "seed",
                "verdict", "exitCode", "startedAt", "durationSeconds", "message", "phases", "expectations", "upstreams",
                "targets", "journal", "harness", "series", "markers");
        assertThat(json.get("verdict").asText()).isEqualTo("failed");
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.at("/expectations/1/status").asText()).isEqualTo("failed");
        assertThat(json.at("/expectations/1/passed").asBoolean()).isFalse();
        assertThat(json.at("/expectations/1/measuredText").asText()).isEqualTo("4.20 attempts/call");
        assertThat(json.at("/upstreams/0/byStatus/503").asLong()).isEqualTo(1_890);
    }

    @Test
    void absentValuesAreWrittenAsNullSoEveryKeyIsPresent() throws Exception {
        JsonNode json = plainJackson.readTree(ReportJson.write(failedOutageRun()));

        JsonNode inconclusive = json.at("/expectations/2");
        assertThat(inconclusive.has("measured")).isTrue();
        assertThat(inconclusive.get("measured").isNull()).isTrue();
        assertThat(json.at("/harness/delayedResponses").isNumber()).isTrue();
    }

    @Test
    void theJsonIsIndentedForPeopleAndEndsWithANewline() {
        String json = ReportJson.write(failedOutageRun());

        assertThat(json).startsWith("{\n  \"formatVersion\": 1,\n  \"scenario\": \"checkout survives a payments outage\",\n");
        assertThat(json).endsWith("}\n");
    }

    @Test
    void anUnknownVerdictIsRefusedNamingTheLineAndTheWordsAllowed() {
        String json = ReportJson.write(failedOutageRun()).replace("\"verdict\": \"failed\"", "\"verdict\": \"meh\"");

        assertThatThrownBy(() -> ReportJson.read(json))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("line 7")
                .hasMessageContaining("unknown verdict \"meh\"")
                .hasMessageContaining("held, failed, invalid, error, inconclusive or aborted");
    }

    @Test
    void textThatIsNotJsonIsRefusedSayingWhere() {
        assertThatThrownBy(() -> ReportJson.read("{\n  \"scenario\": oops\n}"))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith("line 2, column ");
    }

    @Test
    void aReportFromANewerFormatVersionIsRefusedRatherThanMisread() {
        String json = ReportJson.write(failedOutageRun()).replace("\"formatVersion\": 1", "\"formatVersion\": 2");

        assertThatThrownBy(() -> ReportJson.read(json))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("format version 2")
                .hasMessageContaining("up to version 1");
    }

    @Test
    void keysAddedByANewerFaultlineOfTheSameVersionAreIgnored() {
        RunReport report = failedOutageRun();
        String json = ReportJson.write(report).replace("\"seed\": 7,", "\"seed\": 7,\n  \"gitCommit\": \"abc123\",");

        assertThat(ReportJson.read(json)).isEqualTo(report);
    }

    @Test
    void aMinimalHandWrittenReportGetsEmptyJournalHarnessAndLists() {
        RunReport report = ReportJson.read("{\"formatVersion\": 1, \"scenario\": \"s\", \"verdict\": \"held\"}");

        assertThat(report.journal()).isEqualTo(JournalReport.EMPTY);
        assertThat(report.harness()).isEqualTo(HarnessReport.EMPTY);
        assertThat(report.expectations()).isEqualTo(List.of());
    }
}
