package dev.faultline.scenario.parse;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What RFC 9110 allows in a header field: a name is a token, a value holds no control character but
 * tab. A CR or LF in a value written in a scenario would split one header into two on the wire (a
 * response the scenario did not declare), and a name with a space is refused by every client.
 */
final class HeaderSyntax {
    /** RFC 9110 section 5.6.2: {@code token = 1*tchar}. */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    static final String TOKEN_CHARACTERS = "letters, digits and !#$%&'*+-.^_`|~";

    private HeaderSyntax() {
    }

    static boolean isToken(String text) {
        return TOKEN.matcher(text).matches();
    }

    /** The first character a field value may not hold (RFC 9110 section 5.5), or empty when there is none. */
    static OptionalInt illegalValueCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }
}
