package dev.faultline.report.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The colour and dash of a chart's series. A series whose name ends in a status class or a failure
 * kind ({@code load: 5xx}, {@code load: timeout}) has a colour that means it on every chart: green
 * for success, amber for client errors, red for server errors, and darker, distinct hues for each way
 * a request can fail without a status. Other series take the palette in order.
 */
public final class SeriesColour {

    // Okabe-Ito-like hues darkened to at least 3:1 against the phase bands; each line also gets its
    // own dash pattern, so lines stay apart in greyscale and for readers who do not see the hues.
    private static final String[] PALETTE = {"#0072B2", "#D55E00", "#007A5A", "#A8557F", "#8A6D00", "#6F4E9E", "#1F2328"};
    private static final String[] DASHES = {"", "7 4", "2 3", "9 3 2 3"};
    private static final Map<String, String> MEANING = Map.of(
            "2xx", "#2da44e", "3xx", "#54aeff", "4xx", "#d4a72c", "5xx", "#cf222e",
            "timeout", "#8250df", "refused", "#57606a", "reset", "#953800", "closed", "#bf3989", "other", "#1f2328");

    private SeriesColour() {
    }

    /** The colour of the {@code index}-th series of a chart, named {@code name}. */
    public static String of(String name, int index) {
        String meaning = MEANING.get(key(name));
        return meaning != null ? meaning : PALETTE[index % PALETTE.length];
    }

    /** The dash pattern of the {@code index}-th line of a chart, empty for a solid line. */
    public static String dash(int index) {
        return DASHES[index % DASHES.length];
    }

    private static String key(String name) {
        int colon = name.lastIndexOf(": ");
        String last = colon < 0 ? name : name.substring(colon + 2);
        return last.replace("/s", "").strip().toLowerCase(Locale.ROOT);
    }
}
