package dev.faultline.report.internal;

/** Escapes text for XML and HTML, so report content can never break or inject markup. */
public final class Markup {

    private static final char REPLACEMENT = '\uFFFD';

    private Markup() {
    }

    /** Escapes text for element content or a double- or single-quoted attribute. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * Escapes text for an attribute value, also encoding tabs and line breaks: a parser would
     * otherwise normalise them to spaces and a multi-line message would arrive as one line.
     */
    public static String escapeAttribute(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean attribute) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        out.append("&#").append(c).append(';');
                    } else {
                        out.append((char) c);
                    }
                }
                default -> {
                    // XML 1.0 cannot carry most control characters or lone surrogates even as
                    // character references; a parser would reject the whole file.
                    if (isXmlChar(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append(REPLACEMENT);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isXmlChar(int c) {
        return (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
