package dev.faultline.report.internal;

import java.util.List;

/** A chart's value axis: where a value falls on it, and its ticks with their labels. */
public sealed interface Axis permits NiceScale, LogScale {

    /** The tick values from the bottom to the top. */
    List<Double> ticks();

    /** Where a value falls on the axis, 0 at the bottom and 1 at the top. */
    double fraction(double value);

    /** The label of a tick. */
    String label(double value);
}
