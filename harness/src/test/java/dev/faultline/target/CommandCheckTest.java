package dev.faultline.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** A target's program is looked up as execvp will, so what cannot run is named before anything starts. */
class CommandCheckTest {
    @TempDir
    Path dir;

    @Test
    void aProgramOnThePathOrAtAPathThatExistsAndMayBeExecutedPasses() throws Exception {
        Path tool = executable("bin/tool", "#!/bin/sh\necho hi\n");

        assertThat(CommandCheck.problem("sh", dir, "/usr/bin:/bin")).isEmpty();
        assertThat(CommandCheck.problem("tool", dir, "/nowhere:" + tool.getParent())).isEmpty();
        assertThat(CommandCheck.problem("./bin/tool", dir, "")).as("relative to the working directory").isEmpty();
        assertThat(CommandCheck.problem("tool", dir, "bin")).as("a relative PATH entry").isEmpty();
    }

    @Test
    void aNameNotOnThePathIsNotFoundAndTheMessageShowsThePath() {
        assertThat(CommandCheck.problem("no-such-tool-xyz", dir, "/usr/bin:/bin"))
                .contains("no-such-tool-xyz: command not found on PATH (/usr/bin:/bin)");
    }

    @Test
    void aMissingFileADirectoryAndAFileWithoutExecutePermissionEachSayWhatIsWrong() throws Exception {
        Files.createDirectories(dir.resolve("folder"));
        Path plain = Files.writeString(dir.resolve("plain.sh"), "echo hi\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(CommandCheck.problem("./missing", dir, "")).contains(dir.resolve("missing") + ": No such file or directory");
        assertThat(CommandCheck.problem("./folder", dir, "")).contains(dir.resolve("folder") + ": Is a directory");
        assertThat(CommandCheck.problem("./plain.sh", dir, "")).hasValueSatisfying(p -> assertThat(p).contains(": Permission denied"));
    }

    @Test
    void aScriptWhoseInterpreterIsMissingIsNamedWithItsInterpreter() throws Exception {
        executable("old.py", "#!/usr/bin/python2.4 -u\nprint 'hi'\n");

        assertThat(CommandCheck.problem("./old.py", dir, "")).hasValueSatisfying(p -> assertThat(p)
                .contains("its interpreter /usr/bin/python2.4 (from its #! line): No such file or directory"));
    }

    private Path executable(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
