package dev.faultline.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/**
 * Output options shared by commands: colour is used only on a terminal, never when {@code --no-color}
 * is given, {@code NO_COLOR} is set (https://no-color.org) or {@code CI} is true.
 */
public final class ConsoleStyle {
    @Option(names = "--no-color", description = "Plain output without ANSI colours (also when NO_COLOR is set or CI=true).")
    boolean noColor;

    /** Whether to colour output, given the environment and whether stdout is a terminal. */
    public boolean color(Map<String, String> env, boolean terminal) {
        if (noColor || env.containsKey("NO_COLOR") || "true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
            return false;
        }
        return terminal;
    }
}
