package dev.faultline.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code faultline --version}. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"faultline " + (version == null ? "development build" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
