package dev.faultline.scenario.parse;

import dev.faultline.scenario.SourceLocation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a scenario file as UTF-8 text, refusing what is not text before a parser sees it: parsers
 * report binary input as confusing syntax errors, or at the wrong place.
 */
final class SourceText {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private SourceText() {
    }

    /** The file's text without a byte-order mark, or empty after adding the reason to {@code problems}. */
    static Optional<String> read(Path file, Problems problems) {
        SourceLocation start = new SourceLocation(file, 1, 1);
        if (Files.isDirectory(file)) {
            problems.add(start, KeyPath.ROOT, "is a folder, not a scenario file (expected a .yaml, .yml or .json file)");
            return Optional.empty();
        }
        Optional<byte[]> read = RegularFiles.read(file, Limits.MAX_SCENARIO_BYTES,
                refusal -> problems.add(start, KeyPath.ROOT, refused(refusal)));
        if (read.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = read.get();
        Optional<String> text = decode(bytes);
        if (text.isEmpty()) {
            problems.add(start, KeyPath.ROOT, "not a text file (expected UTF-8 YAML or JSON)");
            return Optional.empty();
        }
        String source = text.get();
        if (!source.isEmpty() && source.charAt(0) == BYTE_ORDER_MARK) {
            source = source.substring(1);
        }
        return checkCharacters(file, source, problems) ? Optional.of(source) : Optional.empty();
    }

    private static String refused(RegularFiles.Refusal refusal) {
        if (refusal instanceof RegularFiles.Missing) {
            return "does not exist (expected a scenario file, or a folder of them)";
        }
        if (refusal instanceof RegularFiles.NotRegular notRegular) {
            return "is " + notRegular.kind() + ", not a scenario file (expected a regular .yaml, .yml or .json file)";
        }
        if (refusal instanceof RegularFiles.TooLarge tooLarge) {
            return "the file holds more than " + tooLarge.limit() + " bytes, the most a scenario may hold (put large"
                    + " bodies in body-file)";
        }
        return "cannot be read: " + ((RegularFiles.Unreadable) refusal).cause() + " (expected a readable file)";
    }

    private static Optional<String> decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    // YAML allows only printable characters; SnakeYAML would report one at 1:1, so find it here.
    private static boolean checkCharacters(Path file, String source, Problems problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < source.length(); ) {
            int c = source.codePointAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                if (!isPrintable(c)) {
                    problems.add(new SourceLocation(file, line, column), KeyPath.ROOT,
                            String.format("control character U+%04X is not allowed (remove it; YAML and JSON files hold"
                                    + " printable text)", c));
                    return false;
                }
                column++;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isPrintable(int c) {
        return c == '\t' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
