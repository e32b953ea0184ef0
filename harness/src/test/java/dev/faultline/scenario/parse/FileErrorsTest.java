package dev.faultline.scenario.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems of the file as a whole: missing, not text, empty, not parseable, not a mapping. */
class FileErrorsTest {
    @TempDir
    Path dir;

    private ScenarioFiles files() {
        return new ScenarioFiles(dir);
    }

    @Test
    void errorsNameTheFileExactlyAsTheCallerGaveIt() {
        Path absolute = files().write("scenarios/outage.yaml", "name: t\n");
        Path relative = Path.of("").toAbsolutePath().relativize(absolute);

        LoadOutcome.Invalid invalid = (LoadOutcome.Invalid) new ScenarioLoader().load(relative);

        assertThat(invalid.file()).isEqualTo(relative);
        assertThat(invalid.errors()).extracting(ScenarioError::toString).containsExactly(
                relative + ":1:1: missing key \"phases\" (expected a list of phases, each with name and duration)");
    }

    @Test
    void aFileThatDoesNotExistIsOneErrorAtTheFirstLine() {
        Path missing = dir.resolve("nope.yaml");

        assertThat(ScenarioFiles.errors(missing))
                .containsExactly("1:1: does not exist (expected a scenario file, or a folder of them)");
    }

    @Test
    void aFolderIsNotAScenarioFile() {
        assertThat(ScenarioFiles.errors(dir))
                .containsExactly("1:1: is a folder, not a scenario file (expected a .yaml, .yml or .json file)");
    }

    @Test
    void anEmptyFileSaysWhatAScenarioLooksLike() {
        assertThat(ScenarioFiles.errors(files().write("empty.yaml", "")))
                .containsExactly("1:1: file is empty (expected a scenario: a mapping with name, phases, ...)");
    }

    @Test
    void aFileOfOnlyCommentsIsEmpty() {
        assertThat(ScenarioFiles.errors(files().write("comments.yaml", "# to do\n---\n")))
                .containsExactly("1:1: file is empty (expected a scenario: a mapping with name, phases, ...)");
    }

    @Test
    void aFileWithNulBytesIsNotText() {
        Path binary = files().write("binary.yaml", new byte[] {'n', 'a', 'm', 'e', ':', 0, 1, 2});

        assertThat(ScenarioFiles.errors(binary)).containsExactly("1:1: not a text file (expected UTF-8 YAML or JSON)");
    }

    @Test
    void aFileThatIsNotUtf8IsNotText() {
        Path latin1 = files().write("latin1.yaml", "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(ScenarioFiles.errors(latin1)).containsExactly("1:1: not a text file (expected UTF-8 YAML or JSON)");
    }

    @Test
    void aControlCharacterIsReportedWhereItIs() {
        assertThat(files().errors("name: t\nphases: \u0007[]\n")).containsExactly(
                "2:9: control character U+0007 is not allowed (remove it; YAML and JSON files hold printable text)");
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        Path file = files().write("bom.yaml", "\uFEFFname: t\n" + ScenarioFiles.ONE_PHASE);

        assertThat(ScenarioFiles.loaded(file).name()).isEqualTo("t");
    }

    @Test
    void aYamlSyntaxErrorIsOneShortMessageAtTheParsersPosition() {
        assertThat(files().errors("name: checkout: fails\n")).containsExactly(
                "1:15: YAML syntax error: a \": \" where no key can start (quote a value that contains \": \", or fix"
                        + " the indentation)");
    }

    @Test
    void tabsIndentingYamlAreASyntaxError() {
        assertThat(files().errors("name: t\nphases:\n\t- {name: a, duration: 1s}\n")).containsExactly(
                "3:1: YAML syntax error: a tab where YAML expects spaces (indent with spaces; tabs are allowed only in"
                        + " .json files)");
    }

    @Test
    void keysThatDoNotLineUpAreASyntaxError() {
        assertThat(files().errors("""
                name: t
                phases:
                  - name: a
                    duration: 1s
                   faults: {}
                """)).containsExactly("5:4: YAML syntax error: the indentation does not line up (keys of one mapping and"
                + " items of one list must start in the same column)");
    }

    @Test
    void anUnclosedQuoteIsASyntaxError() {
        assertThat(files().errors("name: \"checkout\nphases: []\n")).containsExactly(
                "3:1: YAML syntax error: a quoted string is not closed (close it with the same quote)");
    }

    @Test
    void anUnclosedFlowListIsASyntaxError() {
        assertThat(files().errors("name: t\nphases: [{name: a, duration: 1s}\n")).containsExactly(
                "3:1: YAML syntax error: a [ list is not closed (expected \",\" or \"]\")");
    }

    @Test
    void aReservedCharacterStartingAValueIsASyntaxErrorThatSuggestsQuotes() {
        assertThat(files().errors("name: @checkout\n")).containsExactly(
                "1:7: YAML syntax error: \"@\" cannot start a plain value (put the value in quotes)");
    }

    @Test
    void aComplexKeyIsASyntaxError() {
        assertThat(files().errors("? [a, b]\n: c\nname: t\n")).containsExactly(
                "1:4: YAML syntax error: a key that is a list or a mapping (keys are plain names, such as name)");
    }

    @Test
    void aYamlFileTooLargeToReadSaysSoAndHowToShrinkIt() {
        String route = "      - {respond: {body: \"" + "x".repeat(200) + "\"}}\n";
        String huge = "name: t\nupstreams:\n  p:\n    routes:\n" + route.repeat(16_000) + ScenarioFiles.ONE_PHASE;

        assertThat(files().errors(huge)).containsExactly("1:1: the file holds more than 3145728 bytes, the most a"
                + " scenario may hold (put large bodies in body-file)");
    }

    @Test
    void aTopLevelListIsNotAScenario() {
        assertThat(files().errors("- name: t\n")).containsExactly(
                "1:1: expected a scenario (a mapping with name, phases, ...) but found a list");
    }

    @Test
    void aTopLevelStringIsNotAScenario() {
        assertThat(files().errors("checkout survives an outage\n")).containsExactly(
                "1:1: expected a scenario (a mapping with name, phases, ...) but found \"checkout survives an outage\"");
    }

    @Test
    void aSecondYamlDocumentIsAnError() {
        assertThat(files().errors("name: t\n" + ScenarioFiles.ONE_PHASE + "---\nname: u\n")).containsExactly(
                "5:1: a second YAML document starts here (expected one scenario per file; remove the --- or split the file)");
    }

    @Test
    void aDuplicateKeyIsReportedAtItsSecondUse() {
        assertThat(files().errors("name: t\n" + ScenarioFiles.ONE_PHASE + "name: u\n"))
                .containsExactly("4:1: name: duplicate key \"name\" (first written at line 1; keep one)");
    }

    @Test
    void aDuplicateKeyDeepInsideIsReportedWithItsPath() {
        assertThat(files().errors("""
                name: t
                phases:
                  - name: a
                    duration: 1s
                    duration: 2s
                """)).containsExactly("5:5: phases[0].duration: duplicate key \"duration\" (first written at line 4; keep one)");
    }

    @Test
    void yamlAliasesAreRefused() {
        assertThat(files().errors("name: &n t\ndescription: *n\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:14: description: the alias *n is not supported (write the value out in full)");
    }

    @Test
    void aJsonFileMayBeIndentedWithTabs() {
        Path json = files().write("tabs.json", """
                {
                \t"name": "t",
                \t"seed": 3,
                \t"phases": [
                \t\t{"name": "a", "duration": "1s"}
                \t]
                }
                """);

        assertThat(ScenarioFiles.loaded(json).seed()).contains(3L);
    }

    @Test
    void aJsonSyntaxErrorHasTheParsersLineAndColumn() {
        Path json = files().write("trailing-comma.json", "{\n\t\"name\": \"t\",\n}\n");

        assertThat(ScenarioFiles.errors(json)).containsExactly(
                "3:1: JSON syntax error: Unexpected character ('}' (code 125)): was expecting double-quote to start field"
                        + " name (expected strict JSON: double-quoted keys and strings, no trailing commas)");
    }

    @Test
    void aJsonFileIsReadWithTheSameRulesAsYaml() {
        Path json = files().write("bad.json", """
                {
                  "name": "t",
                  "phases": [{"name": "a", "duration": 2, "fautls": {}}]
                }
                """);

        assertThat(ScenarioFiles.errors(json)).containsExactly(
                "3:40: phases[0].duration: 2 has no unit (use 2s or 2000ms)",
                "3:43: phases[0].fautls: unknown key \"fautls\" (expected one of: actions, duration, faults, name; did you"
                        + " mean \"faults\"?)");
    }

    @Test
    void everyErrorOfAFileIsReportedAtOnceInLineOrder() {
        List<String> errors = files().errors("""
                seed: many
                upstreams:
                  payments: {prot: 1}
                phases:
                  - {name: a, duration: 1 s}
                  - {name: a, duration: 1s}
                """);

        assertThat(errors).containsExactly(
                "1:1: missing key \"name\" (expected the scenario's name, such as name: checkout survives an outage)",
                "1:7: seed: expected an integer but found \"many\"",
                "3:14: upstreams.payments.prot: unknown key \"prot\" (expected one of: http2, instances, port, preserve-host, proxy, routes, tls; did you mean \"port\"?)",
                "5:25: phases[0].duration: \"1 s\" is not a duration (use 250ms, 2s, 1.5s, 1m)",
                "6:6: phases[1].name: duplicate phase name \"a\" (first used by phases[0]; names must be unique)");
    }
}
