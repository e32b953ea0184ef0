package dev.faultline.junit5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds and tests the standalone example project (examples/junit5, on JUnit 5.10.2) with this build's
 * Maven, as a user would after {@code mvn install}: this build's faultline artifacts are staged into a
 * fresh local repository (jarred from the classes this test runs with, since {@code install} has not run
 * yet at test time), and every other artifact comes from this build's own local repository, used as a
 * file repository, then Central unless this build is offline. The example's tests include
 * demonstrations of failure (a naive client caught storming), so a pass means each check both held and
 * failed where it should.
 */
class ExampleProjectTest {
    private static final long TIMEOUT_SECONDS = 240;
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);

    @Test
    void theExampleProjectBuildsAndPassesOnJUnit5AgainstThisBuild(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path example = root.resolve("examples/junit5");
        assertThat(example.resolve("pom.xml")).as("the example project").isRegularFile();
        String version = required("faultline.version");
        Path outer = Path.of(required("faultline.localRepository"));
        boolean offline = System.getProperty("faultline.offline", "").equals("offline=true");

        Path repo = tmp.resolve("repo");
        List<String> staged = stage(root, repo, version);
        assertThat(staged).contains("faultline-junit5", "faultline-harness");

        Path project = tmp.resolve("example");
        copyTree(example.resolve("src"), project.resolve("src"));
        Files.copy(example.resolve("pom.xml"), project.resolve("pom.xml"));
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, settings(outer));

        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "-Dfaultline.version=" + version, "test"));
        if (offline) {
            // offline, Maven may still read file repositories when told so (the resolver's offline protocols)
            command.addAll(1, List.of("-o", "-Daether.offline.protocols=file"));
        }
        Path log = tmp.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = maven.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String tail = output.substring(Math.max(0, output.length() - 6000));

        assertThat(ended).as("the example build ended within " + TIMEOUT_SECONDS + " s:\n" + tail).isTrue();
        assertThat(maven.exitValue()).as(String.join(" ", command) + "\n" + tail).isZero();
        assertThat(output).as(tail).contains("Tests run: 14, Failures: 0, Errors: 0, Skipped: 0");
        // the failures it demonstrates were printed: the storm was caught with the command line's words
        assertThat(output).contains("naive client: faultline: failed", "retries.max-amplification failed (measured 10 attempts/call");
        // and it ran on JUnit 5, not the 6.x this build tests with
        assertThat(repo.resolve("org/junit/jupiter/junit-jupiter-engine/5.10.2")).isDirectory();
        assertThat(repo.resolve("org/junit/jupiter/junit-jupiter-engine")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("6."));
    }

    /**
     * Lays out this build's faultline modules as installed artifacts: each one on this test's class path
     * (a module's classes folder or its jar, from the reactor or a local repository), its pom, and the
     * parent pom.
     */
    private static List<String> stage(Path root, Path repo, String version) throws IOException {
        List<String> staged = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            Path pom;
            if (Files.isDirectory(path) && path.endsWith(Path.of("target", "classes"))) {
                pom = path.getParent().getParent().resolve("pom.xml");
            } else if (path.getFileName().toString().startsWith("faultline-") && path.toString().endsWith(".jar")) {
                Path beside = path.resolveSibling(path.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
                pom = Files.isRegularFile(beside) ? beside : path.getParent().getParent().resolve("pom.xml");
            } else {
                continue;
            }
            Matcher id = ARTIFACT_ID.matcher(Files.readString(pom));
            if (!id.find() || !id.group(1).startsWith("faultline-")) {
                continue;
            }
            String artifact = id.group(1);
            Path dir = repo.resolve("dev/faultline").resolve(artifact).resolve(version);
            Files.createDirectories(dir);
            Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
            if (Files.isDirectory(path)) {
                jar(path, dir.resolve(artifact + "-" + version + ".jar"));
            } else {
                Files.copy(path, dir.resolve(artifact + "-" + version + ".jar"));
            }
            staged.add(artifact);
        }
        Path parent = repo.resolve("dev/faultline/faultline-parent").resolve(version);
        Files.createDirectories(parent);
        Files.copy(root.resolve("pom.xml"), parent.resolve("faultline-parent-" + version + ".pom"));
        return staged;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** This build's local repository as a file repository for releases (plugins too), before Central. */
    private static String settings(Path outer) {
        String url = outer.toUri().toString();
        String repository = "<id>this-build</id><url>" + url + "</url>"
                + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        return "<settings><profiles><profile><id>this-build</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>this-build</activeProfile></activeProfiles></settings>";
    }

    private static String maven() {
        Path home = Path.of(required("faultline.mavenHome"));
        Path mvn = home.resolve("bin").resolve(System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn");
        assertThat(mvn).as("Maven of this build").isRegularFile();
        return mvn.toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property " + property + " (set by junit5/pom.xml's surefire configuration; run through Maven)")
                .isNotBlank();
        return value;
    }
}
