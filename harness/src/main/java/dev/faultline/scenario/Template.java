package dev.faultline.scenario;

import java.util.Objects;

/**
 * A string from the scenario that may hold {@code ${...}} references, kept with where it was written
 * so that a reference that cannot be resolved at run time is reported at its line and column. The
 * loader has already checked that every reference names a known kind ({@code upstreams.NAME.url},
 * {@code target.port}, ...).
 *
 * @param raw      the text as written
 * @param location where it was written
 */
public record Template(String raw, SourceLocation location) {
    public Template {
        Objects.requireNonNull(raw, "raw");
    }

    /** A template with no location (for values the harness makes itself). */
    public static Template literal(String text) {
        return new Template(text, null);
    }

    /** True if it holds at least one {@code ${...}} reference. */
    public boolean hasReferences() {
        return raw.contains("${");
    }

    @Override
    public String toString() {
        return raw;
    }
}
