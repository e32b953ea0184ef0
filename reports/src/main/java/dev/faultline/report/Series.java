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
 * @param values      one value per bin, starting at 0; NaN where there was nothing to measure (a gap,
 *                    not a zero: before the first probe, or a latency bin without a request)
 * @param stacked     true to draw it as an area stacked on the group's earlier stacked series, so the
 *                    parts of one whole (requests by status) add up to the whole
 * @param checks      checks whose limits are drawn as lines on this series' chart when they have its unit:
 *                    a check's id, or the head of several ({@code latency} names {@code latency.p99} and
 *                    {@code latency[1].p99})
 */
public record Series(String name, String unit, String group, double binSeconds, List<Double> values,
                     boolean stacked, List<String> checks) {
    public Series {
        name = Objects.requireNonNullElse(name, "");
        unit = Objects.requireNonNullElse(unit, "");
        group = Objects.requireNonNullElse(group, "");
        values = values == null ? List.of() : List.copyOf(values);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** A line, with no check limits drawn beside it. */
    public Series(String name, String unit, String group, double binSeconds, List<Double> values) {
        this(name, unit, group, binSeconds, values, false, List.of());
    }

    /** True if this series' chart shows the limit of the check with this id. */
    public boolean shows(String checkId) {
        return checks.stream().anyMatch(c -> checkId.equals(c) || checkId.startsWith(c + ".") || checkId.startsWith(c + "["));
    }
}
