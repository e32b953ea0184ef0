package dev.faultline.scenario.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Input built to hurt the loader: numbers with huge exponents or digits, files that are endless, huge,
 * not files at all, or deeply nested. Each is one clear error, found quickly and in bounded memory. The
 * time bounds are far above what the loader needs (well under a second) and far below what these inputs
 * cost before the limits (40 s to forever), so they hold on a loaded machine and still catch a regression.
 */
class BadInputTest {
    private static final Duration QUICKLY = Duration.ofSeconds(20);
    private static final String ONE_PHASE = ScenarioFiles.ONE_PHASE;

    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    private List<String> errorsQuickly(String yaml) {
        return assertTimeoutPreemptively(QUICKLY, () -> files().errors(yaml));
    }

    private List<String> errorsQuickly(Path file) {
        return assertTimeoutPreemptively(QUICKLY, () -> ScenarioFiles.errors(file));
    }

    @Test
    void aSeedWithAnExponentBeyondBigIntegerIsTooLargeNotAnInternalError() {
        assertThat(errorsQuickly("name: t\nseed: 1.0e+999999999\n" + ONE_PHASE)).containsExactly(
                "2:7: seed: 1.0e+999999999 is too large (expected an integer up to 9223372036854775807)");
    }

    @Test
    void aSeedWithAHundredMillionDigitExponentIsRefusedWithoutComputingIt() {
        assertThat(errorsQuickly("name: t\nseed: 1.0e+100000000\n" + ONE_PHASE)).containsExactly(
                "2:7: seed: 1.0e+100000000 is too large (expected an integer up to 9223372036854775807)");
    }

    @Test
    void aProbabilityTooCloseToZeroForADoubleIsRefusedWithoutExpandingIt() {
        assertThat(errorsQuickly(withFaultRule("{probability: 1.0e-999999999, connection: drop}"))).containsExactly("7:25: phases[0].faults.p[0].probability: 1.0e-999999999 is too close to 0"
                + " (expected a number from 0 to 1; write 0, or a number of at least 1e-307 in size)");
    }

    @Test
    void aHugeExponentInAFaultRuleIsOutOfRange() {
        assertThat(errorsQuickly(withFaultRule("{probability: 1e+999999999, body: {truncate-after: -1e+999999999}}")))
                .containsExactly(
                "7:25: phases[0].faults.p[0].probability: 1e+999999999 is out of range (expected a number from 0 to 1)",
                "7:62: phases[0].faults.p[0].body.truncate-after: -1e+999999999 is too large (expected a number of bytes"
                        + " up to 9223372036854775807)");
    }

    @Test
    void aNumberLongerThanJacksonsLimitIsRefusedAndShortenedInTheMessage() {
        String digits = "7".repeat(1001);

        assertThat(errorsQuickly("name: t\nseed: " + digits + "\n" + ONE_PHASE)).containsExactly(
                "2:7: seed: " + "7".repeat(40) + "... is longer than 1000 characters (expected an integer)");
    }

    @Test
    void aDurationOfAMillionDigitsIsNotADuration() {
        assertThat(errorsQuickly("name: t\nphases:\n  - {name: a, duration: " + "1".repeat(1_000_000) + "s}\n"))
                .containsExactly("3:25: phases[0].duration: \"" + "1".repeat(60) + "...\" is not a duration (use 250ms,"
                        + " 2s, 1.5s, 1m)");
    }

    @Test
    void aLoadRateTooFastOrTooSlowForADoubleIsRefused() {
        String tooFast = "9".repeat(400) + "/s";
        String tooSlow = "0." + "0".repeat(400) + "1/h";

        assertThat(errorsQuickly("name: t\ntarget: {url: 'http://127.0.0.1:1'}\nload:\n  rate: [{at: 0s, rate: " + tooFast
                + "}, {at: 1s, rate: " + tooSlow + "}]\n  requests: [{path: /}]\n" + ONE_PHASE)).containsExactly(
                "4:25: load.rate[0].rate: \"" + "9".repeat(60) + "...\" is too fast (expected at most 1000000000/s, one"
                        + " event per nanosecond)",
                "4:445: load.rate[1].rate: \"0." + "0".repeat(58) + "...\" is too slow (expected at least 0.000000001/s,"
                        + " one event in about 32 years)");
    }

    @Test
    void theFastestAndSlowestRatesAreAccepted() {
        assertThat(files().loaded("name: t\ntarget: {url: 'http://127.0.0.1:1'}\nload:\n  rate: [{at: 0s, rate: 1000000000/s},"
                + " {at: 1s, rate: 0.0000036/h}]\n  requests: [{path: /}]\n" + ONE_PHASE).load().orElseThrow().rate())
                .extracting(step -> step.rate().perSecond()).containsExactly(1e9, 1e-9);
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = mkfifo("pipe.yaml");

        assertThat(errorsQuickly(fifo)).containsExactly(
                "1:1: is a FIFO, not a scenario file (expected a regular .yaml, .yml or .json file)");
    }

    @Test
    void aCharacterDeviceIsRefusedWithoutReadingIt() {
        assertThat(errorsQuickly(Path.of("/dev/zero"))).containsExactly(
                "1:1: is a character device, not a scenario file (expected a regular .yaml, .yml or .json file)");
    }

    @Test
    void aSparseThreeGibibyteFileIsRefusedBeforeReading() throws Exception {
        Path sparse = sparse("huge.yaml", 3L << 30);

        assertThat(errorsQuickly(sparse)).containsExactly(
                "1:1: the file holds more than 3145728 bytes, the most a scenario may hold (put large bodies in body-file)");
    }

    @Test
    void commentsCountTowardsTheSizeLimit() {
        String comments = ("# " + "x".repeat(98) + "\n").repeat(32_000);

        assertThat(errorsQuickly(comments + "name: t\n" + ONE_PHASE)).containsExactly(
                "1:1: the file holds more than 3145728 bytes, the most a scenario may hold (put large bodies in body-file)");
    }

    @Test
    void aBodyFileThatIsAFifoIsRefusedWithoutOpeningIt() throws Exception {
        mkfifo("body.json");

        assertThat(errorsQuickly(withBodyFile("body.json"))).containsExactly(
                "4:36: upstreams.p.routes[0].respond.body-file: \"body.json\" is a FIFO, not a regular file (expected a"
                        + " file inside " + dir.toRealPath() + ")");
    }

    @Test
    void aBodyFileLargerThanTheLimitIsRefusedBeforeReading() throws Exception {
        Path body = sparse("big.bin", 3L << 30);

        assertThat(errorsQuickly(withBodyFile("big.bin"))).containsExactly(
                "4:36: upstreams.p.routes[0].respond.body-file: " + body.toRealPath() + " holds more than 16777216 bytes,"
                        + " the most a body-file may hold (expected a smaller body)");
    }

    @Test
    void aBodyFileAtTheLimitIsRead() throws Exception {
        sparse("limit.bin", Limits.MAX_BODY_FILE_BYTES);

        assertThat(files().loaded(withBodyFile("limit.bin")).upstreams().get("p").routes().get(0).respond().body())
                .hasSize(Limits.MAX_BODY_FILE_BYTES);
    }

    @Test
    void yamlNestedTooDeeplyIsReportedWhereTheLimitIsCrossed() {
        assertThat(errorsQuickly("name: t\n" + ONE_PHASE + "description: " + "[".repeat(5000) + "]".repeat(5000) + "\n"))
                .containsExactly("4:78: mappings and lists nest more than 64 deep here, the most a scenario may nest"
                        + " (check for unclosed [ or {)");
    }

    @Test
    void jsonNestedTooDeeplyIsReportedWhereTheLimitIsCrossed() {
        Path json = files().write("deep.json", "{\"name\": \"t\",\n\"description\": " + "[".repeat(5000)
                + "]".repeat(5000) + "}\n");

        assertThat(errorsQuickly(json)).containsExactly("2:80: mappings and lists nest more than 64 deep here, the most"
                + " a scenario may nest (check for unclosed [ or {)");
    }

    @Test
    void aFileOfAMillionTinyValuesIsRefusedAtTheTokenLimit() {
        String values = "1,".repeat(1_000_000);

        assertThat(errorsQuickly("name: t\n" + ONE_PHASE + "description: [" + values + "1]\n")).singleElement()
                .asString().startsWith("4:").endsWith(": the file holds more than 100000 keys, values and brackets, the"
                        + " most a scenario may hold");
    }

    @Test
    void aMistakeRepeatedManyTimesIsReportedTwoHundredTimesAndCounted() {
        String aliases = "*a,".repeat(5000);

        List<String> errors = errorsQuickly("name: t\n" + ONE_PHASE + "x: &a 1\ndescription: [" + aliases + "*a]\n");

        // 5001 aliases, the unknown key x, and description's list where text belongs.
        assertThat(errors).hasSize(201);
        assertThat(errors.get(200)).endsWith(": and 4803 more errors after this one (fix these first)");
    }

    private static String withFaultRule(String rule) {
        return """
                name: t
                upstreams: {p: {}}
                phases:
                  - name: a
                    duration: 1s
                    faults:
                      p: [%s]
                """.formatted(rule);
    }

    private String withBodyFile(String name) {
        return """
                name: t
                upstreams:
                  p:
                    routes: [{respond: {body-file: %s}}]
                """.formatted(name) + ONE_PHASE;
    }

    private Path mkfifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return fifo;
    }

    private Path sparse(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        assertThat(Files.size(file)).isEqualTo(size);
        return file;
    }
}
