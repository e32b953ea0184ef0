package dev.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's --warm-up takes seconds from 0 (skip) to 600; anything else is refused before anything starts. */
class ServeWarmUpOptionTest {
    @TempDir
    Path dir;

    @Test
    void aNegativeWarmUpIsRefusedWithTheRangeExpected() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "name: t\nupstreams: {api: {}}\nphases: [{name: a, duration: 1s}]\n");
        CliRunner cli = new CliRunner(dir);

        assertThat(cli.run("serve", "s.yaml", "--warm-up", "-1")).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("--warm-up -1.0 is out of range (expected seconds from 0 to 600, e.g. 10;"
                + " 0 skips the warm-up)");
    }
}
