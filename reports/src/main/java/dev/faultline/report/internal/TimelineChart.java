package dev.faultline.report.internal;

import dev.faultline.report.PhaseReport;
import dev.faultline.report.Series;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One group of series drawn as an inline SVG step chart over the run's timeline, with the phases
 * shaded behind it and a legend, as an HTML {@code <figure>}.
 */
public final class TimelineChart {

    // Okabe-Ito-like hues darkened to at least 3:1 against the phase bands; each series also gets its
    // own dash pattern, so lines stay apart in greyscale and for readers who do not see the hues.
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#007A5A", "#A8557F", "#8A6D00", "#6F4E9E", "#1F2328"};
    private static final String[] DASHES = {"", "7 4", "2 3", "9 3 2 3"};

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
    private final NiceScale x;
    private final NiceScale y;

    private TimelineChart(String id, List<Series> series, List<PhaseReport> phases, double runSeconds) {
        this.id = id;
        this.series = series;
        this.phases = phases;
        this.x = NiceScale.exact(0, timelineEnd(series, phases, runSeconds), 10);
        this.y = valueScale(series);
    }

    /**
     * The figure for one group.
     *
     * @param id         unique within the page; SVG ids (the hatch pattern, the title) are page-global
     * @param group      the group's name, the chart's heading
     * @param series     the group's series, drawn in this order
     * @param phases     the timeline's phases, shaded behind the lines
     * @param runSeconds the run's duration, so the x axis spans the whole run even if a series stops early
     */
    public static String render(String id, String group, List<Series> series, List<PhaseReport> phases, double runSeconds) {
        return new TimelineChart(id, series, phases, runSeconds).figure(group);
    }

    private String figure(String group) {
        String heading = group.isBlank() ? "Series" : group;
        StringBuilder out = new StringBuilder(4096);
        out.append("<figure class=\"chart\">\n");
        out.append("<figcaption><h3>").append(Markup.escape(heading)).append("</h3></figcaption>\n");
        svg(out, heading);
        legend(out);
        out.append("</figure>\n");
        return out.toString();
    }

    private void svg(StringBuilder out, String heading) {
        out.append("<svg viewBox=\"0 0 ").append(n(WIDTH)).append(' ').append(n(HEIGHT))
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n");
        out.append("<title id=\"").append(id).append("-title\">").append(Markup.escape(heading)).append(" over time</title>\n");
        out.append("<desc id=\"").append(id).append("-desc\">").append(Markup.escape(description())).append("</desc>\n");
        out.append("<defs><pattern id=\"").append(id).append("-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"8\" height=\"8\" fill=\"#fff1f0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#cf222e\" stroke-opacity=\"0.22\" stroke-width=\"3\"/>")
                .append("</pattern></defs>\n");
        phaseBands(out);
        grid(out);
        axes(out);
        // Lines last, so a series at zero is drawn over the x axis rather than hidden by it.
        lines(out);
        out.append("</svg>\n");
    }

    private void phaseBands(StringBuilder out) {
        out.append("<g class=\"phases\">\n");
        for (int i = 0; i < phases.size(); i++) {
            PhaseReport phase = phases.get(i);
            double x0 = px(Math.max(x.min(), phase.startSeconds()));
            double x1 = px(Math.min(x.max(), phase.endSeconds()));
            if (!(x1 > x0)) {
                continue;
            }
            boolean faulty = !phase.faults().isEmpty();
            String fill = faulty ? "url(#" + id + "-hatch)" : (i % 2 == 0 ? "#f6f8fa" : "#ffffff");
            out.append("<rect x=\"").append(n(x0)).append("\" y=\"").append(n(TOP)).append("\" width=\"").append(n(x1 - x0))
                    .append("\" height=\"").append(n(plotHeight())).append("\" fill=\"").append(fill).append("\">")
                    .append("<title>").append(Markup.escape(phaseTooltip(phase))).append("</title></rect>\n");
            out.append("<line x1=\"").append(n(x0)).append("\" y1=\"").append(n(TOP - 18)).append("\" x2=\"").append(n(x0))
                    .append("\" y2=\"").append(n(TOP + plotHeight())).append("\" stroke=\"#8c959f\" stroke-dasharray=\"3 3\"/>\n");
            String label = fit(phase.name(), x1 - x0 - 8);
            if (!label.isEmpty()) {
                out.append("<text x=\"").append(n(x0 + 4)).append("\" y=\"").append(n(TOP - 8)).append("\" class=\"")
                        .append(faulty ? "phase-label fault" : "phase-label").append("\">").append(Markup.escape(label)).append("</text>\n");
            }
        }
        out.append("</g>\n");
    }

    private void grid(StringBuilder out) {
        out.append("<g class=\"grid\">\n");
        for (double tick : y.ticks()) {
            out.append("<line x1=\"").append(n(LEFT)).append("\" x2=\"").append(n(WIDTH - RIGHT)).append("\" y1=\"").append(n(py(tick)))
                    .append("\" y2=\"").append(n(py(tick))).append("\"/>\n");
        }
        out.append("</g>\n");
    }

    private void lines(StringBuilder out) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            out.append("<g class=\"series\" stroke=\"").append(COLOURS[i % COLOURS.length]).append('"');
            String dash = DASHES[i % DASHES.length];
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
                double yv = py(v);
                points.append(n(px(bin * s.binSeconds()))).append(',').append(n(yv)).append(' ')
                        .append(n(px((bin + 1) * s.binSeconds()))).append(',').append(n(yv)).append(' ');
            }
            flush(out, points);
            out.append("</g>\n");
        }
    }

    private static void flush(StringBuilder out, StringBuilder points) {
        if (points.length() > 0) {
            out.append("<polyline points=\"").append(points.toString().trim()).append("\"/>\n");
            points.setLength(0);
        }
    }

    private void axes(StringBuilder out) {
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
            double at = py(tick);
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
            String dash = DASHES[i % DASHES.length];
            out.append("<li><svg class=\"swatch\" viewBox=\"0 0 28 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\" stroke=\"")
                    .append(COLOURS[i % COLOURS.length]).append("\" stroke-width=\"2.5\"")
                    .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"").append("/></svg>")
                    .append(Markup.escape(s.name()));
            peak(s).ifPresent(p -> out.append(" <span class=\"muted\">peak ").append(Markup.escape(p)).append("</span>"));
            out.append("</li>\n");
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
                .map(v -> s.unit().isBlank() ? Format.number(v) : Format.number(v) + " " + s.unit());
    }

    private String description() {
        StringBuilder text = new StringBuilder();
        for (Series s : series) {
            text.append(s.name()).append(" (").append(s.unit()).append(peak(s).map(p -> ", peak " + p).orElse("")).append("); ");
        }
        for (PhaseReport p : phases) {
            text.append("phase ").append(phaseTooltip(p)).append("; ");
        }
        return text.toString().replaceAll("; $", "");
    }

    private static String phaseTooltip(PhaseReport p) {
        return p.name() + " " + Format.offset(p.startSeconds()) + " to " + Format.offset(p.endSeconds())
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

    private static NiceScale valueScale(List<Series> series) {
        double lo = 0;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return NiceScale.covering(lo, hi, 5);
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

    private double py(double value) {
        return TOP + (1 - y.fraction(value)) * plotHeight();
    }

    /** SVG coordinates with one decimal: sharper would only make the file larger. */
    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
