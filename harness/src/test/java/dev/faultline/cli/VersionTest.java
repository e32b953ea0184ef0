package dev.faultline.cli;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {
    @Test
    void theBuiltJarNamesItsVersionCommitAndBuildDate() {
        assertThat(Version.describe(build("0.2.0", "abc1234", "2026-12-06")))
                .isEqualTo("faultline 0.2.0 (commit abc1234, built 2026-12-06)");
    }

    @Test
    void aBuildOutsideGitSaysItsCommitIsUnknown() {
        assertThat(Version.describe(build("0.2.0", "unknown", "2026-12-06")))
                .isEqualTo("faultline 0.2.0 (commit unknown, built 2026-12-06)");
        assertThat(Version.describe(build("0.2.0", "${faultline.commit}", "2026-12-06")))
                .isEqualTo("faultline 0.2.0 (commit unknown, built 2026-12-06)");
    }

    @Test
    void classesWithoutFilteredPropertiesAreADevelopmentBuild() {
        assertThat(Version.describe(new Properties())).isEqualTo("faultline development build");
        assertThat(Version.describe(build("${project.version}", "${faultline.commit}", "${faultline.build.date}")))
                .isEqualTo("faultline development build");
    }

    @Test
    void theTestBuildCarriesTheProjectVersionAndTheCommitFromGit() {
        Properties built = Version.load();
        assertThat(built.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(built.getProperty("commit")).matches("[0-9a-f]{7}|unknown");
        assertThat(built.getProperty("date")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(new Version().getVersion()[0]).startsWith("faultline " + built.getProperty("version") + " (commit ");
    }

    private static Properties build(String version, String commit, String date) {
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("commit", commit);
        p.setProperty("date", date);
        return p;
    }
}
