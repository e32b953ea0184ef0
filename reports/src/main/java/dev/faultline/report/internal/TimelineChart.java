package dev.faultline.report.internal;

import dev.faultline.report.Numbers;
import dev.faultline.report.ExpectationResult;
import dev.faultline.report.Marker;
import dev.faultline.report.PhaseReport;
import dev.faultline.report.Series;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One group of series drawn as inline SVG over the run's timeline, as an HTML {@code <figure>}: the
 * phases shaded behind, stacked series as areas that add up, other series as step lines, the limits
 * of the checks that judge these series as red dashed lines, phase changes and signals as vertical
 * markers, and a legend. A chart in milliseconds is drawn twice, on a linear and on a log axis, with a
 * checkbox that shows one or the other through CSS alone (the page runs no script).
 */
public final class TimelineChart {

    private static final String LOG_UNIT = "ms";
    private static final double WIDTH = 960;
    private static final double HEIGHT = 300;
    private static final double LEFT = 72;
    private static final double RIGHT = 24;
    private static final double TOP = 30;
    private static final double BOTTOM = 50;
    private static final double LABEL_CHAR_WIDTH = 6.6;

    private final String id;
    private final List<Series> series;
    private final List<PhaseReport> phases;
    private final List<Limit> limits;
    private final List<Marker> markers;
    private final NiceScale x;
    private final StackedValues stack;

    /** A check's limit as drawn: its id, value and the text of its comparison. */
    private record Limit(String check, double value, String text) {
    }

    private TimelineChart(String id, List<Series> series, List<PhaseReport> phases, double runSeconds,
                          List<ExpectationResult> checks, List<Marker> markers) {
        this.id = id;
        this.series = series;
        this.phases = phases;
        this.markers = markers;
        this.limits = limits(series, checks);
        this.x = NiceScale.exact(0, timelineEnd(series, phases, runSeconds), 10);
        this.stack = StackedValues.of(series);
    }

    /**
     * The figure for one group.
     *
     * @param id         unique within the page; SVG ids (the hatch pattern, the title) are page-global
     * @param group      the group's name, the chart's heading
     * @param series     the group's series, drawn in this order
     * @param phases     the timeline's phases, shaded behind the lines
     * @param runSeconds the run's duration, so the x axis spans the whole run even if a series stops early
     * @param checks     the run's checks; those the series name and that share their unit are drawn as lines
     * @param markers    instants drawn across the chart (signals)
     */
    public static String render(String id, String group, List<Series> series, List<PhaseReport> phases, double runSeconds,
                                List<ExpectationResult> checks, List<Marker> markers) {
        return new TimelineChart(id, series, phases, runSeconds, checks, markers).figure(group);
    }

    private String figure(String group) {
        String heading = group.isBlank() ? "Series" : group;
        StringBuilder out = new StringBuilder(8192);
        out.append("<figure class=\"chart\" data-group=\"").append(Markup.escapeAttribute(group)).append("\">\n");
        out.append("<figcaption><h3>").append(Markup.escape(heading)).append("</h3></figcaption>\n");
        if (logToggle()) {
            // The checkbox precedes both drawings so CSS (`:checked ~`) can swap them without a script.
            out.append("<input type=\"checkbox\" class=\"log-toggle\" id=\"").append(id).append("-log-toggle\"/>")
                    .append("<label class=\"log-toggle-label\" for=\"").append(id).append("-log-toggle\">log scale</label>\n");
            svg(out, heading, id, linearAxis(), "linear");
            svg(out, heading, id + "-log", LogScale.covering(stack.positiveMin(), top()), "log");
        } else {
            svg(out, heading, id, linearAxis(), "linear");
        }
        legend(out);
        out.append("</figure>\n");
        return out.toString();
    }

    private boolean logToggle() {
        return !series.isEmpty() && series.stream().allMatch(s -> s.unit().equals(LOG_UNIT) && !s.stacked());
    }

    private NiceScale linearAxis() {
        return NiceScale.covering(Math.min(0, stack.min()), top(), 5);
    }

    /** The highest value drawn: the tallest stack, line or limit, so a limit above the data stays in view. */
    private double top() {
        double top = stack.max();
        for (Limit l : limits) {
            top = Math.max(top, l.value());
        }
        return top;
    }

    private void svg(StringBuilder out, String heading, String svgId, Axis y, String scale) {
        // data-time and data-plot-x map seconds to x, so a test (or a reader's tool) can place a point in time.
        out.append("<svg class=\"scale-").append(scale).append("\" data-scale=\"").append(scale)
                .append("\" data-time=\"").append(x.min()).append(' ').append(x.max())
                .append("\" data-plot-x=\"").append(LEFT).append(' ').append(WIDTH - RIGHT).append("\" viewBox=\"0 0 ")
                .append(n(WIDTH)).append(' ').append(n(HEIGHT))
                .append("\" role=\"img\" aria-labelledby=\"").append(svgId).append("-title ").append(svgId).append("-desc\">\n");
        out.append("<title id=\"").append(svgId).append("-title\">").append(Markup.escape(heading)).append(" over time")
                .append(scale.equals("log") ? " (log scale)" : "").append("</title>\n");
        out.append("<desc id=\"").append(svgId).append("-desc\">").append(Markup.escape(description())).append("</desc>\n");
        out.append("<defs><pattern id=\"").append(svgId).append("-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"8\" height=\"8\" fill=\"#fff1f0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#cf222e\" stroke-opacity=\"0.22\" stroke-width=\"3\"/>")
                .append("</pattern></defs>\n");
        phaseBands(out, svgId);
        grid(out, y);
        areas(out, y);
        axes(out, y);
        // Lines after the axes, so a series at zero is drawn over the x axis rather than hidden by it.
        lines(out, y);
        limitLines(out, y);
        markerLines(out);
        out.append("</svg>\n");
    }

    private void phaseBands(StringBuilder out, String svgId) {
        out.append("<g class=\"phases\">\n");
        for (int i = 0; i < phases.size(); i++) {
            PhaseReport phase = phases.get(i);
            double x0 = px(Math.max(x.min(), phase.startSeconds()));
            double x1 = px(Math.min(x.max(), phase.endSeconds()));
            if (!(x1 > x0)) {
                continue;
            }
            boolean faulty = !phase.faults().isEmpty();
            String fill = faulty ? "url(#" + svgId + "-hatch)" : (i % 2 == 0 ? "#f6f8fa" : "#ffffff");
            out.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(n(TOP)).append("\" width=\"").append(n(x1 - x0))
                    .append("\" height=\"").append(n(plotHeight())).append("\" fill=\"").append(fill).append("\">")
                    .append("<title>").append(Markup.escape(phaseTooltip(phase))).append("</title></rect>\n");
            String label = fit(phase.name(), x1 - x0 - 8);
            if (!label.isEmpty()) {
                out.append("<text x=\"").append(n(x0 + 4)).append("\" y=\"").append(n(TOP - 8)).append("\" class=\"")
                        .append(faulty ? "phase-label fault" : "phase-label").append("\">").append(Markup.escape(label)).append("</text>\n");
            }
        }
        out.append("</g>\n");
    }

    private void grid(StringBuilder out, Axis y) {
        out.append("<g class=\"grid\">\n");
        for (double tick : y.ticks()) {
            out.append("<line x1=\"").append(n(LEFT)).append("\" x2=\"").append(n(WIDTH - RIGHT)).append("\" y1=\"").append(n(py(y, tick)))
                    .append("\" y2=\"").append(n(py(y, tick))).append("\"/>\n");
        }
        out.append("</g>\n");
    }

    private void areas(StringBuilder out, Axis y) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (!s.stacked()) {
                continue;
            }
            out.append("<g class=\"series stacked\" data-series=\"").append(Markup.escapeAttribute(s.name()))
                    .append("\" fill=\"").append(SeriesColour.of(s.name(), i)).append("\"><title>").append(Markup.escape(s.name())).append("</title>\n");
            List<int[]> runs = stack.runs(i);
            for (int[] run : runs) {
                StringBuilder top = new StringBuilder();
                StringBuilder bottom = new StringBuilder();
                for (int bin = run[0]; bin < run[1]; bin++) {
                    double x0 = px(bin * s.binSeconds());
                    double x1 = px((bin + 1) * s.binSeconds());
                    double upper = py(y, stack.upper(i, bin));
                    double lower = py(y, stack.lower(i, bin));
                    top.append(n(x0)).append(',').append(n(upper)).append(' ').append(n(x1)).append(',').append(n(upper)).append(' ');
                    bottom.insert(0, n(x1) + "," + n(lower) + " " + n(x0) + "," + n(lower) + " ");
                }
                out.append("<polygon points=\"").append(top).append(bottom.toString().trim()).append("\"/>\n");
            }
            out.append("</g>\n");
        }
    }

    private void lines(StringBuilder out, Axis y) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.stacked()) {
                continue;
            }
            out.append("<g class=\"series\" data-series=\"").append(Markup.escapeAttribute(s.name()))
                    .append("\" stroke=\"").append(SeriesColour.of(s.name(), i)).append('"');
            String dash = SeriesColour.dash(i);
            if (!dash.isEmpty()) {
                out.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            out.append("><title>").append(Markup.escape(s.name())).append("</title>\n");
            StringBuilder points = new StringBuilder();
            for (int bin = 0; bin < s.values().size(); bin++) {
                double v = s.values().get(bin);
                if (!Double.isFinite(v)) {
                    // NaN marks a bin with no data: a gap, not a zero, which would invent an outage.
                    flush(out, points);
                    continue;
                }
                double yv = py(y, v);
                points.append(n(px(bin * s.binSeconds()))).append(',').append(n(yv)).append(' ')
                        .append(n(px((bin + 1) * s.binSeconds()))).append(',').append(n(yv)).append(' ');
            }
            flush(out, points);
            out.append("</g>\n");
        }
    }

    private void limitLines(StringBuilder out, Axis y) {
        for (Limit limit : limits) {
            double at = py(y, limit.value());
            out.append("<g class=\"limit\" data-check=\"").append(Markup.escapeAttribute(limit.check())).append("\" data-value=\"")
                    .append(limit.value()).append("\"><title>limit of ").append(Markup.escape(limit.check())).append(": ")
                    .append(Markup.escape(limit.text())).append("</title>")
                    .append("<line x1=\"").append(n(LEFT)).append("\" x2=\"").append(n(WIDTH - RIGHT)).append("\" y1=\"").append(n(at))
                    .append("\" y2=\"").append(n(at)).append("\"/>")
                    .append("<text x=\"").append(n(WIDTH - RIGHT - 4)).append("\" y=\"").append(n(at - 5)).append("\" text-anchor=\"end\">")
                    .append(Markup.escape(limit.check() + " " + limit.text())).append("</text></g>\n");
        }
    }

    private void markerLines(StringBuilder out) {
        double bottom = TOP + plotHeight();
        for (PhaseReport phase : phases) {
            if (phase.startSeconds() <= x.min() || phase.startSeconds() > x.max()) {
                continue;
            }
            double at = px(phase.startSeconds());
            out.append("<line class=\"marker phase-change\" data-at=\"").append(phase.startSeconds()).append("\" data-label=\"")
                    .append(Markup.escapeAttribute(phase.name())).append("\" x1=\"").append(n(at)).append("\" y1=\"").append(n(TOP - 18))
                    .append("\" x2=\"").append(n(at)).append("\" y2=\"").append(n(bottom)).append("\"/>\n");
        }
        for (Marker m : markers) {
            if (m.atSeconds() < x.min() || m.atSeconds() > x.max()) {
                continue;
            }
            double at = px(m.atSeconds());
            out.append("<g class=\"marker ").append(Slug.of(m.kind())).append("\" data-at=\"").append(m.atSeconds())
                    .append("\" data-label=\"").append(Markup.escapeAttribute(m.label())).append("\"><title>")
                    .append(Markup.escape(m.kind() + " " + m.label() + " at " + Numbers.offset(m.atSeconds()))).append("</title>")
                    .append("<line x1=\"").append(n(at)).append("\" y1=\"").append(n(TOP)).append("\" x2=\"").append(n(at))
                    .append("\" y2=\"").append(n(bottom)).append("\"/>")
                    .append("<text x=\"").append(n(at + 4)).append("\" y=\"").append(n(TOP + 14)).append("\">⚡ ")
                    .append(Markup.escape(m.label())).append("</text></g>\n");
        }
    }

    private static void flush(StringBuilder out, StringBuilder points) {
        if (points.length() > 0) {
            out.append("<polyline points=\"").append(points.toString().trim()).append("\"/>\n");
            points.setLength(0);
        }
    }

    private void axes(StringBuilder out, Axis y) {
        double bottom = TOP + plotHeight();
        out.append("<g class=\"axis\">\n");
        out.append("<line x1=\"").append(n(LEFT)).append("\" y1=\"").append(n(bottom)).append("\" x2=\"").append(n(WIDTH - RIGHT))
                .append("\" y2=\"").append(n(bottom)).append("\"/>\n");
        out.append("<line x1=\"").append(n(LEFT)).append("\" y1=\"").append(n(TOP)).append("\" x2=\"").append(n(LEFT))
                .append("\" y2=\"").append(n(bottom)).append("\"/>\n");
        for (double tick : x.ticks()) {
            double at = px(tick);
            out.append("<line x1=\"").append(n(at)).append("\" y1=\"").append(n(bottom)).append("\" x2=\"").append(n(at))
                    .append("\" y2=\"").append(n(bottom + 5)).append("\"/>");
            out.append("<text x=\"").append(n(at)).append("\" y=\"").append(n(bottom + 18)).append("\" text-anchor=\"middle\">")
                    .append(x.label(tick)).append("</text>\n");
        }
        for (double tick : y.ticks()) {
            double at = py(y, tick);
            out.append("<line x1=\"").append(n(LEFT - 5)).append("\" y1=\"").append(n(at)).append("\" x2=\"").append(n(LEFT))
                    .append("\" y2=\"").append(n(at)).append("\"/>");
            out.append("<text x=\"").append(n(LEFT - 8)).append("\" y=\"").append(n(at + 4)).append("\" text-anchor=\"end\">")
                    .append(y.label(tick)).append("</text>\n");
        }
        out.append("<text class=\"axis-title\" x=\"").append(n(LEFT + plotWidth() / 2)).append("\" y=\"").append(n(HEIGHT - 8))
                .append("\" text-anchor=\"middle\">seconds since start (s)</text>\n");
        out.append("<text class=\"axis-title\" transform=\"translate(16 ").append(n(TOP + plotHeight() / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Markup.escape(units())).append("</text>\n");
        out.append("</g>\n");
    }

    private void legend(StringBuilder out) {
        out.append("<ul class=\"legend\">\n");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = SeriesColour.of(s.name(), i);
            out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 10\" aria-hidden=\"true\">");
            if (s.stacked()) {
                out.append("<rect width=\"28\" height=\"10\" fill=\"").append(colour).append("\"/>");
            } else {
                String dash = SeriesColour.dash(i);
                out.append("<line x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\" stroke=\"").append(colour).append("\" stroke-width=\"2.5\"")
                        .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>");
            }
            out.append("</svg>").append(Markup.escape(s.name()));
            peak(s).ifPresent(p -> out.append(" <span class=\"muted\">peak ").append(Markup.escape(p)).append("</span>"));
            out.append("</li>\n");
        }
        if (!limits.isEmpty()) {
            out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 10\" aria-hidden=\"true\"><line class=\"limit-swatch\" x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\"/></svg>check limit</li>\n");
        }
        if (phases.stream().anyMatch(p -> !p.faults().isEmpty())) {
            out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 10\" aria-hidden=\"true\"><rect width=\"28\" height=\"10\" fill=\"url(#")
                    .append(id).append("-hatch)\" stroke=\"#cf222e\" stroke-opacity=\"0.4\"/></svg>faults injected</li>\n");
        }
        out.append("</ul>\n");
    }

    private static Optional<String> peak(Series s) {
        return s.values().stream()
                .filter(Double::isFinite)
                .max(Double::compare)
                .map(v -> s.unit().isBlank() ? Numbers.number(v) : Numbers.number(v) + " " + s.unit());
    }

    private String description() {
        StringBuilder text = new StringBuilder();
        for (Series s : series) {
            text.append(s.name()).append(" (").append(s.unit()).append(s.stacked() ? ", stacked" : "")
                    .append(peak(s).map(p -> ", peak " + p).orElse("")).append("); ");
        }
        for (Limit l : limits) {
            text.append("limit ").append(l.check()).append(' ').append(l.text()).append("; ");
        }
        for (PhaseReport p : phases) {
            text.append("phase ").append(phaseTooltip(p)).append("; ");
        }
        for (Marker m : markers) {
            text.append(m.kind()).append(' ').append(m.label()).append(" at ").append(Numbers.offset(m.atSeconds())).append("; ");
        }
        return text.toString().replaceAll("; $", "");
    }

    private static String phaseTooltip(PhaseReport p) {
        return p.name() + " " + Numbers.offset(p.startSeconds()) + " to " + Numbers.offset(p.endSeconds())
                + (p.faults().isEmpty() ? ", no faults" : ", faults: " + String.join(", ", p.faults()));
    }

    private String units() {
        Set<String> units = new LinkedHashSet<>();
        for (Series s : series) {
            if (!s.unit().isBlank()) {
                units.add(s.unit());
            }
        }
        return units.isEmpty() ? "value" : String.join(", ", units);
    }

    /** The numeric limits of the checks these series name, in their unit: a limit in another unit would mislead. */
    private static List<Limit> limits(List<Series> series, List<ExpectationResult> checks) {
        List<Limit> limits = new ArrayList<>();
        for (ExpectationResult check : checks) {
            if (check.limit() == null || !Double.isFinite(check.limit())) {
                continue;
            }
            boolean shown = series.stream().anyMatch(s -> s.shows(check.id()) && s.unit().equals(check.unit()));
            if (shown) {
                limits.add(new Limit(check.id(), check.limit(), ExpectationText.typesetLimit(check)));
            }
        }
        return limits;
    }

    private static double timelineEnd(List<Series> series, List<PhaseReport> phases, double runSeconds) {
        double end = Double.isFinite(runSeconds) ? runSeconds : 0;
        for (PhaseReport p : phases) {
            end = Math.max(end, p.endSeconds());
        }
        for (Series s : series) {
            end = Math.max(end, s.values().size() * s.binSeconds());
        }
        return end;
    }

    /** Shortens a label to what fits in the width, or nothing if not even a few letters would. */
    private static String fit(String label, double width) {
        int chars = (int) (width / LABEL_CHAR_WIDTH);
        int length = label.codePointCount(0, label.length());
        if (length <= chars) {
            return label;
        }
        return chars < 4 ? "" : label.substring(0, label.offsetByCodePoints(0, chars - 1)) + "…";
    }

    private double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private double px(double seconds) {
        return LEFT + x.fraction(seconds) * plotWidth();
    }

    private double py(Axis y, double value) {
        return TOP + (1 - y.fraction(value)) * plotHeight();
    }

    /** SVG coordinates with one decimal: sharper would only make the file larger. */
    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
