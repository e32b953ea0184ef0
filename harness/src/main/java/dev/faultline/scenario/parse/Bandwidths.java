package dev.faultline.scenario.parse;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bandwidths as scenario files write them: a number, a unit of bytes and {@code /s}: {@code 512B/s},
 * {@code 64KB/s}, {@code 1.5MB/s}, {@code 1GB/s}. K, M and G are powers of 1024 (KB and KiB alike).
 */
final class Bandwidths {
    static final String EXAMPLES = "such as 512B/s, 64KB/s or 1.5MB/s; K = 1024";
    private static final Pattern BANDWIDTH = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?(B|KB|KiB|MB|MiB|GB|GiB)/s");
    private static final long MAX = 1L << 40;

    private Bandwidths() {
    }

    /** The bytes a second {@code text} says, or empty when it is not a bandwidth. */
    static Optional<Long> bytesPerSecond(String text) {
        if (text.length() > Limits.MAX_NUMBER_LENGTH) {
            return Optional.empty();
        }
        Matcher m = BANDWIDTH.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT).charAt(0)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        return Optional.of(bytes.min(BigDecimal.valueOf(MAX)).longValue());
    }

    /** The bandwidth at {@code node}, at least 1 B/s; reports what is wrong otherwise. */
    static Optional<Long> bind(Node node, KeyPath path, Problems problems) {
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.STRING) {
            Optional<Long> rate = bytesPerSecond(scalar.text());
            if (rate.isEmpty()) {
                problems.add(node.location(), path, Messages.quote(scalar.text()) + " is not a bandwidth (" + EXAMPLES + ")");
                return Optional.empty();
            }
            if (rate.get() < 1) {
                problems.add(node.location(), path, scalar.text() + " is below 1 byte a second (expected a bandwidth"
                        + " of at least 1B/s, " + EXAMPLES + ")");
                return Optional.empty();
            }
            return rate;
        }
        problems.add(node.location(), path, Messages.expected("a bandwidth (" + EXAMPLES + ")", node));
        return Optional.empty();
    }
}
