package dev.faultline.report.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkupTest {

    @Test
    void theFiveMarkupCharactersBecomeEntities() {
        assertThat(Markup.escape("<a href=\"x\">Tom & 'Jerry'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    }

    @Test
    void controlCharactersAndLoneSurrogatesThatXmlCannotCarryBecomeReplacementCharacters() {
        assertThat(Markup.escape("a\u0000b\u001Fc\uD800d\uFFFE")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFD");
    }

    @Test
    void textKeepsLineBreaksAndTabsButAttributesEncodeThemSoParsersDoNotFlattenThem() {
        assertThat(Markup.escape("a\n\tb")).isEqualTo("a\n\tb");
        assertThat(Markup.escapeAttribute("a\n\tb\r")).isEqualTo("a&#10;&#9;b&#13;");
    }

    @Test
    void charactersBeyondTheBasicPlaneAndNullArePassedAndEmpty() {
        assertThat(Markup.escape("ok 🚀 ≤")).isEqualTo("ok 🚀 ≤");
        assertThat(Markup.escape(null)).isEmpty();
    }
}
