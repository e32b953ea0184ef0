package dev.faultline.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.faultline.report.RunReportBuilder.failedOutageRun;
import static dev.faultline.report.RunReportBuilder.heldOutageRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ReportWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writeAllCreatesTheFolderWithTheFourReportsAndNothingElse() throws IOException {
        Path dir = tmp.resolve("reports/outage");
        RunReport report = failedOutageRun();

        List<Path> written = ReportWriter.writeAll(report, dir);

        assertThat(written).containsExactly(dir.resolve("report.json"), dir.resolve("junit.xml"),
                dir.resolve("report.html"), dir.resolve("summary.md"));
        assertThat(names(dir)).containsExactlyInAnyOrder("report.json", "junit.xml", "report.html", "summary.md");
        assertThat(Files.readString(dir.resolve("report.json"))).isEqualTo(ReportJson.write(report));
        assertThat(Files.readString(dir.resolve("junit.xml"))).isEqualTo(JUnitXmlReport.render(report));
        assertThat(Files.readString(dir.resolve("report.html"))).isEqualTo(HtmlReport.render(report));
        assertThat(Files.readString(dir.resolve("summary.md"))).isEqualTo(MarkdownReport.render(report));
    }

    @Test
    void writingAgainReplacesEachFileWholeAndLeavesNoTemporaryFiles() throws IOException {
        ReportWriter.writeAll(failedOutageRun(), tmp);
        ReportWriter.writeAll(heldOutageRun(), tmp);

        assertThat(names(tmp)).containsExactlyInAnyOrder("report.json", "junit.xml", "report.html", "summary.md");
        assertThat(ReportJson.read(Files.readString(tmp.resolve("report.json")))).isEqualTo(heldOutageRun());
    }

    @Test
    void aFailedRenameLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        // A non-empty folder where the file should go makes the replacing move fail.
        Path blocked = Files.createDirectories(tmp.resolve("junit.xml"));
        Files.writeString(blocked.resolve("keep.txt"), "keep");

        assertThatThrownBy(() -> ReportWriter.write(tmp.resolve("junit.xml"), "<testsuite/>")).isInstanceOf(IOException.class);

        assertThat(names(tmp)).containsExactly("junit.xml");
        assertThat(blocked.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    void aWrittenFileIsAsReadableAsAnyOtherFileCreatedInTheFolder() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.writeString(tmp.resolve("ordinary.txt"), "x");

        Path report = ReportWriter.write(tmp.resolve("summary.md"), "# held\n");

        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(expected);
    }

    @Test
    void rerenderRebuildsTheOtherReportsFromReportJsonAlone() throws IOException {
        RunReport report = failedOutageRun();
        Files.writeString(tmp.resolve("report.json"), ReportJson.write(report));

        RunReport read = ReportWriter.rerender(tmp);

        assertThat(read).isEqualTo(report);
        assertThat(names(tmp)).containsExactlyInAnyOrder("report.json", "junit.xml", "report.html", "summary.md");
        assertThat(Files.readString(tmp.resolve("junit.xml"))).isEqualTo(JUnitXmlReport.render(report));
        assertThat(Files.readString(tmp.resolve("report.html"))).isEqualTo(HtmlReport.render(report));
        assertThat(Files.readString(tmp.resolve("summary.md"))).isEqualTo(MarkdownReport.render(report));
    }

    @Test
    void rerenderLeavesReportJsonByteForByteAsItWas() throws IOException {
        String handWritten = "{\"formatVersion\":1,\"scenario\":\"s\",\"verdict\":\"held\"}";
        Files.writeString(tmp.resolve("report.json"), handWritten);

        ReportWriter.rerender(tmp);

        assertThat(tmp.resolve("report.json")).hasContent(handWritten);
    }

    @Test
    void rerenderOfAFolderWithoutReportJsonSaysWhatIsMissing() {
        assertThatThrownBy(() -> ReportWriter.rerender(tmp))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(tmp.resolve("report.json").toString())
                .hasMessageContaining("written by faultline run");
    }

    @Test
    void rerenderOfABrokenReportJsonNamesTheFileAndTheProblemAndWritesNothing() throws IOException {
        Files.writeString(tmp.resolve("report.json"), "{\n  \"scenario\": \"s\",\n  \"verdict\": \"meh\"\n}");

        assertThatThrownBy(() -> ReportWriter.rerender(tmp))
                .isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith(tmp.resolve("report.json") + ": line 3")
                .hasMessageContaining("unknown verdict \"meh\"");
        assertThat(names(tmp)).containsExactly("report.json");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
