package dev.faultline.packaging;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real launcher (the repository's {@code faultline} script) with a PATH that holds only bash, readlink
 * and a stub {@code java}, so what it says about a missing or old Java, and which jar it runs, is observed.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "faultline").toAbsolutePath().normalize();

    @TempDir
    Path dir;
    Path tools;

    @BeforeEach
    void pathWithoutJava() throws IOException {
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "readlink")) {
            Files.copy(Path.of("/usr/bin", tool).toRealPath(), tools.resolve(tool), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    @Test
    void withNoJavaOnPathItSaysJava17IsNeededAndHowToGetItAndExits3() throws Exception {
        Result result = run(LAUNCHER, Map.of("PATH", tools.toString()), "--version");
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.output).contains("faultline needs Java 17 or newer, and there is no java on PATH")
                .contains("JAVA_HOME");
    }

    @Test
    void withJava11OnPathItNamesTheVersionFoundAndExits3() throws Exception {
        stubJava(tools, "openjdk version \"11.0.22\" 2024-01-16");
        Result result = run(LAUNCHER, Map.of("PATH", tools.toString()), "--version");
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.output).contains("faultline needs Java 17 or newer, but " + tools.resolve("java") + " is Java 11 (11.0.22)");
        assertThat(result.output).doesNotContain("ran with");
    }

    @Test
    void anOldStyleJava8VersionIsReadAsJava8() throws Exception {
        stubJava(tools, "java version \"1.8.0_402\"");
        Result result = run(LAUNCHER, Map.of("PATH", tools.toString()), "--version");
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.output).contains("is Java 8 (1.8.0_402)");
    }

    @Test
    void javaHomeWinsOverPathAndAnEarlyAccessJava25IsAccepted() throws Exception {
        stubJava(tools, "openjdk version \"11.0.22\" 2024-01-16");
        Path home = Files.createDirectories(dir.resolve("jdk25/bin"));
        stubJava(home, "openjdk version \"25-ea\" 2025-09-16");
        Path jar = Files.writeString(dir.resolve("faultline-0.2.0.jar"), "stand-in");
        Result result = run(LAUNCHER, Map.of("PATH", tools.toString(), "JAVA_HOME", home.getParent().toString(),
                "FAULTLINE_JAR", jar.toString()), "run", "scenarios/demo/");
        assertThat(result.exit).isZero();
        assertThat(result.output).isEqualTo("ran with -jar " + jar + " run scenarios/demo/\n");
    }

    @Test
    void aJavaHomeWithoutJavaIsReportedRatherThanSilentlyReplacedByPath() throws Exception {
        stubJava(tools, "openjdk version \"17.0.15\" 2025-04-15");
        Result result = run(LAUNCHER, Map.of("PATH", tools.toString(), "JAVA_HOME", dir.resolve("nowhere").toString()), "--version");
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.output).contains("JAVA_HOME is " + dir.resolve("nowhere") + ", but");
    }

    @Test
    void anInstalledLauncherRunsTheJarInItsLibFolder() throws Exception {
        stubJava(tools, "openjdk version \"17.0.15\" 2025-04-15");
        Path bin = Files.createDirectories(dir.resolve("opt/faultline/bin"));
        Path lib = Files.createDirectories(dir.resolve("opt/faultline/lib"));
        Files.copy(LAUNCHER, bin.resolve("faultline"));
        Path jar = Files.writeString(lib.resolve("faultline-0.2.0.jar"), "stand-in");
        Result result = run(bin.resolve("faultline"), Map.of("PATH", tools.toString()), "--version");
        assertThat(result.exit).isZero();
        assertThat(result.output).isEqualTo("ran with -jar " + bin.resolve("../lib/faultline-0.2.0.jar") + " --version\n");
        assertThat(jar).exists();
    }

    @Test
    void anInstalledLauncherWithoutAJarSaysWhereItLooked() throws Exception {
        stubJava(tools, "openjdk version \"17.0.15\" 2025-04-15");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(LAUNCHER, bin.resolve("faultline"));
        Result result = run(bin.resolve("faultline"), Map.of("PATH", tools.toString()), "--version");
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.output).contains("no faultline jar found beside " + bin.resolve("faultline")).contains("FAULTLINE_JAR");
    }

    /** A java that prints this version line on stderr, as java does, and otherwise echoes its arguments. */
    private static void stubJava(Path binDir, String versionLine) throws IOException {
        Path java = binDir.resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "if [ \"$1\" = -version ]; then echo '" + versionLine + "' >&2; echo 'OpenJDK Runtime Environment' >&2; exit 0; fi\n"
                + "echo \"ran with $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result run(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(launcher.toString());
        builder.command().addAll(List.of(args));
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.directory(dir.toFile()).redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
