package dev.faultline.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text that a scenario or its target controls, made safe to print on a terminal. Names,
 * descriptions, error quotes and the target's own output may hold ESC, CSI, BEL and the other C0
 * and C1 control characters, which a terminal obeys: clear the screen, retitle the window, hide or
 * rewrite earlier lines, even answer back on some terminals. Each such character is printed as a
 * visible escape ({@code \u001B}, {@code \n}) instead; tab is kept, and nothing else changes.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} on one line: every control character but tab escaped, line breaks included. */
    public static String line(String text) {
        return escape(text, false);
    }

    /** {@code text} that may span lines (a message quoting the target's last output): like {@link #line}, but line feeds are kept. */
    public static String lines(String text) {
        return escape(text, true);
    }

    /**
     * A writer that escapes every control character but tab and line feed, for a stream of whole lines
     * (progress that quotes the target's output). Escapes that should reach the terminal must not pass
     * through it.
     */
    public static PrintWriter lines(Writer out) {
        return new PrintWriter(new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                out.write(escape(String.valueOf((char) c), true));
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                out.write(escape(new String(chars, offset, length), true));
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                out.write(escape(text.substring(offset, offset + length), true));
            }
        }, true);
    }

    private static String escape(String text, boolean keepLineFeed) {
        if (text == null) {
            return "null";
        }
        int first = firstControl(text, keepLineFeed);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isControl(c, keepLineFeed)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstControl(String text, boolean keepLineFeed) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i), keepLineFeed)) {
                return i;
            }
        }
        return -1;
    }

    // C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F); C1 CSI U+009B starts a sequence like ESC [ does.
    private static boolean isControl(char c, boolean keepLineFeed) {
        if (c == '\t' || keepLineFeed && c == '\n') {
            return false;
        }
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }
}
