package dev.faultline.report;

import java.util.List;
import java.util.Objects;

/**
 * A time series for the report's charts: values in consecutive bins from the run's start.
 *
 * @param name        what it counts, e.g. {@code payments: requests/s}
 * @param unit        unit of each value, e.g. {@code requests/s}
 * @param group       series with the same group are drawn on one chart (e.g. the upstream's name)
 * @param binSeconds  width of each bin
 * @param values      one value per bin, starting at 0
 */
public record Series(String name, String unit, String group, double binSeconds, List<Double> values) {
    public Series {
        name = Objects.requireNonNullElse(name, "");
        unit = Objects.requireNonNullElse(unit, "");
        group = Objects.requireNonNullElse(group, "");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
