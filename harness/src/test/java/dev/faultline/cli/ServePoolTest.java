package dev.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** serve starts one instance per upstream, so it refuses a pool rather than serve one instance as if it were all. */
class ServePoolTest {
    @TempDir
    Path dir;

    @Test
    void servingAPoolIsRefusedWithWhereToRunIt() throws Exception {
        Files.writeString(dir.resolve("pool.yaml"), "name: t\nupstreams: {api: {instances: 2}}\nphases: [{name: a, duration: 1s}]\n");
        CliRunner cli = new CliRunner(dir);

        assertThat(cli.run("serve", "pool.yaml")).isEqualTo(ExitCodes.INVALID);
        assertThat(cli.err()).contains("upstream api has instances: 2, but serve starts one instance per upstream"
                + " (run pools with faultline run)");
    }
}
