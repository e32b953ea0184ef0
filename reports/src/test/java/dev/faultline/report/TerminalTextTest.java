package dev.faultline.report;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void aLineShowsEveryC0AndC1ControlCharacterButTabAsAnEscape() {
        assertThat(TerminalText.line("a\u001b[2Jb\u0007c\u009b1Ad\u007fe\r\nf\tg\u0000"))
                .isEqualTo("a\\u001B[2Jb\\u0007c\\u009B1Ad\\u007Fe\\r\\nf\tg\\u0000");
    }

    @Test
    void textWithoutControlCharactersIsReturnedUnchangedUnicodeIncluded() {
        String text = "checkout – café ✓ 😀 \\u001b";

        assertThat(TerminalText.line(text)).isSameAs(text);
    }

    @Test
    void linesKeepTheirLineFeeds() {
        assertThat(TerminalText.lines("first\n    \u001b[31msecond\r")).isEqualTo("first\n    \\u001B[31msecond\\r");
    }

    @Test
    void aLinesWriterEscapesWhatIsPrintedThroughIt() {
        StringWriter out = new StringWriter();
        PrintWriter writer = TerminalText.lines(out);

        writer.println("target said: \u001b]0;title\u0007");
        writer.print('\u001b');
        writer.flush();

        assertThat(out.toString()).isEqualTo("target said: \\u001B]0;title\\u0007" + System.lineSeparator() + "\\u001B");
    }
}
