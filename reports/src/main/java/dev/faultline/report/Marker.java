package dev.faultline.report;

import java.util.Objects;

/**
 * Something that happened at one instant of the run, drawn as a vertical line across every chart so
 * a change in the lines can be read against its cause.
 *
 * @param atSeconds when, seconds since the run started
 * @param kind      what kind of thing: {@code signal} (the harness signalled a target)
 * @param label     what it was, briefly, e.g. {@code TERM → replica 0}
 */
public record Marker(double atSeconds, String kind, String label) {
    public Marker {
        kind = Objects.requireNonNullElse(kind, "");
        label = Objects.requireNonNullElse(label, "");
    }
}
