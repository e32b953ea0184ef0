package dev.faultline.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code faultline --version} prints: the version, the commit the jar was built from and the build date,
 * read from {@code build.properties}, which the build fills in (harness/pom.xml).
 */
final class Version implements IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {describe(load()),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }

    /**
     * The first line, e.g. {@code faultline 0.2.0 (commit abc1234, built 2026-12-06)}. Classes run straight from
     * an IDE's output folder have no filtered properties: that is a development build. A build outside git (a
     * source tarball) says its commit is unknown rather than leaving it out.
     */
    static String describe(Properties build) {
        String version = filled(build.getProperty("version"));
        if (version == null) {
            return "faultline development build";
        }
        String commit = filled(build.getProperty("commit"));
        String date = filled(build.getProperty("date"));
        StringBuilder line = new StringBuilder("faultline ").append(version).append(" (commit ")
                .append(commit == null ? "unknown" : commit);
        if (date != null) {
            line.append(", built ").append(date);
        }
        return line.append(')').toString();
    }

    static Properties load() {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the faultline jar", e);
        }
        return build;
    }

    /** A value the build filled in, or null when it is missing or still a {@code ${...}} placeholder. */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.contains("${") ? null : value.trim();
    }
}
