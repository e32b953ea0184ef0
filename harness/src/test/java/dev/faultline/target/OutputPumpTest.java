package dev.faultline.target;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutputPumpTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killEverything() {
        started.forEach(Process::destroyForcibly);
    }

    private Process shell(String script) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    @Test
    void fortyMegabytesWithoutANewlineAreReadInLinearTimeAndTheTailKeepsABoundedLine() throws Exception {
        // 40 MB without a newline used to block the target: every read re-copied and re-searched the
        // whole partial line (49.5 s here). Linear, it takes 0.4 s; the bound leaves room for a loaded
        // 2-core machine and is still well below what the quadratic pump needed.
        Process target = shell("head -c 40000000 /dev/zero | tr '\\0' x; echo ' listening'; echo done");
        OutputPump pump = OutputPump.start(target.getInputStream(), dir.resolve("out.log"), "test-stdout");
        CountDownLatch ready = pump.watch("listening");

        await().atMost(Duration.ofSeconds(20)).until(() -> ready.getCount() == 0 && !target.isAlive());
        pump.awaitEnd(10_000);

        assertThat(target.exitValue()).isZero();
        assertThat(Files.size(dir.resolve("out.log"))).isEqualTo(40_000_000L + " listening\ndone\n".length());
        List<String> tail = pump.tail();
        assertThat(tail).hasSize(2);
        assertThat(tail.get(0)).startsWith("x".repeat(OutputPump.MAX_LINE))
                .endsWith(" [line cut: " + (40_000_000 + " listening".length() - OutputPump.MAX_LINE)
                        + " more characters in the log file]")
                .hasSizeLessThan(OutputPump.MAX_LINE + 100);
        assertThat(tail.get(1)).isEqualTo("done");
    }

    @Test
    void aReadyTextSplitAcrossTwoReadsOfALongLineIsFound() throws Exception {
        // The text straddles the 64 KiB read boundary, past the kept part of the line.
        Process target = shell("head -c 131068 /dev/zero | tr '\\0' x; printf 'READ'; sleep 0.3; printf 'Y now'; sleep 30");
        OutputPump pump = OutputPump.start(target.getInputStream(), dir.resolve("out.log"), "test-stdout");
        CountDownLatch ready = pump.watch("READY");

        await().atMost(Duration.ofSeconds(20)).until(() -> ready.getCount() == 0);
    }

    @Test
    void aWatchRegisteredAfterTheTextWasPrintedIsReleasedAtOnce() throws Exception {
        Process target = shell("echo one; printf 'server ready'; sleep 30");
        OutputPump pump = OutputPump.start(target.getInputStream(), dir.resolve("out.log"), "test-stdout");
        await().atMost(Duration.ofSeconds(20)).until(() -> pump.tail().contains("server ready"));

        assertThat(pump.watch("ready").getCount()).isZero();
        assertThat(pump.watch("one").getCount()).isZero();
        assertThat(pump.watch("absent").getCount()).isOne();
    }

    @Test
    void aMultiByteCharacterSplitBetweenTwoReadsIsDecodedWhole() throws Exception {
        // the first byte of 'é' comes alone, so one read ends inside the character
        Process target = shell("printf 'caf\\303'; sleep 0.3; printf '\\251 open\\n'");
        OutputPump pump = OutputPump.start(target.getInputStream(), dir.resolve("out.log"), "test-stdout");
        pump.awaitEnd(20_000);

        assertThat(pump.tail()).containsExactly("caf\u00e9 open");
    }

    @Test
    void whenTheLogCannotBeWrittenTheOutputIsStillDrainedAndReadinessStillSeen() throws Exception {
        // /dev/full fails every write with ENOSPC, as a full disk does. The pump used to stop reading at the
        // first failure: the target blocked on a full pipe or died of SIGPIPE, and "ready by log" was blamed on it.
        Process target = shell("head -c 2000000 /dev/zero | tr '\\0' 'y'; echo; echo 'service ready'; echo after");
        OutputPump pump = OutputPump.start(target.getInputStream(), Path.of("/dev/full"), "test-stdout");
        CountDownLatch ready = pump.watch("service ready");

        await().atMost(Duration.ofSeconds(30)).until(() -> ready.getCount() == 0 && !target.isAlive());
        pump.awaitEnd(10_000);

        assertThat(target.exitValue()).as("exit status (141 would be SIGPIPE)").isZero();
        assertThat(pump.tail()).endsWith("service ready", "after");
        assertThat(pump.writeFailure()).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("No space left"));
    }
}
