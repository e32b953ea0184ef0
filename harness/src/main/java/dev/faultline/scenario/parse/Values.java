package dev.faultline.scenario.parse;

import dev.faultline.scenario.Rate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed reading of single values. Each method returns the value, or empty after reporting what was
 * wrong at the value's location; callers go on binding so that every error of a file is found.
 */
final class Values {
    private static final int SHOWN_DIGITS = 40;
    private static final BigDecimal LONG_LIMIT = new BigDecimal(BigInteger.ONE.shiftLeft(Long.SIZE - 1));

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** Any scalar, as written: YAML authors do not quote header values or names, so numbers count as text. */
    Optional<String> string(Node node, KeyPath path) {
        if (node instanceof Node.Scalar scalar && !scalar.isNull()) {
            return Optional.of(scalar.text());
        }
        problems.add(node.location(), path, node instanceof Node.Scalar
                ? "expected a string but found nothing (write \"\" for an empty string)"
                : Messages.expected("a string", node));
        return Optional.empty();
    }

    /** A string that is not blank. */
    Optional<String> nonBlank(Node node, KeyPath path, String what) {
        Optional<String> text = string(node, path);
        if (text.isPresent() && text.get().isBlank()) {
            problems.add(node.location(), path, "is empty (expected " + what + ")");
            return Optional.empty();
        }
        return text;
    }

    /** A whole number in {@code range}; {@code what} names it in messages ({@code an integer}, {@code a port number}). */
    OptionalLong integer(Node node, KeyPath path, Range range, String what) {
        Optional<BigDecimal> number = numeric(node, path, what, range, true);
        if (number.isEmpty()) {
            return OptionalLong.empty();
        }
        BigDecimal value = number.get();
        String written = shortened(((Node.Scalar) node).text());
        if (value.stripTrailingZeros().scale() > 0) {
            problems.add(node.location(), path, written + " is not a whole number (expected " + range.describe(what) + ")");
            return OptionalLong.empty();
        }
        boolean aboveTypeLimit = range.maxIsTypeLimit() && range.max() != null && value.compareTo(range.max()) > 0;
        // Compared as BigDecimals: toBigIntegerExact would first build every digit of 1e300.
        if (aboveTypeLimit || value.abs().compareTo(LONG_LIMIT) >= 0) {
            problems.add(node.location(), path, tooLarge(written, range, what));
            return OptionalLong.empty();
        }
        if (!range.contains(value)) {
            problems.add(node.location(), path, written + " is out of range (expected " + range.describe(what) + ")");
            return OptionalLong.empty();
        }
        return OptionalLong.of(value.longValueExact());
    }

    private static String tooLarge(String written, Range range, String what) {
        return written + " is too large (expected " + what + " up to "
                + (range.max() == null ? Long.MAX_VALUE : range.max().toPlainString()) + ")";
    }

    /** A number in {@code range}. */
    Optional<BigDecimal> number(Node node, KeyPath path, Range range) {
        Optional<BigDecimal> number = numeric(node, path, "a number", range, false);
        if (number.isPresent() && !range.contains(number.get())) {
            problems.add(node.location(), path, shortened(((Node.Scalar) node).text()) + " is out of range (expected "
                    + range.describe("a number") + ")");
            return Optional.empty();
        }
        return number;
    }

    private Optional<BigDecimal> numeric(Node node, KeyPath path, String what, Range range, boolean whole) {
        if (node instanceof Node.Scalar scalar
                && (scalar.kind() == Node.ScalarKind.INTEGER || scalar.kind() == Node.ScalarKind.DECIMAL)) {
            if (scalar.number() == null) {
                problems.add(node.location(), path, unusable(scalar, range, what, whole));
                return Optional.empty();
            }
            return Optional.of(scalar.number());
        }
        String hint = node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.STRING
                && looksNumeric(scalar.text()) ? " (write numbers without quotes)" : "";
        problems.add(node.location(), path, Messages.expected(what, node) + hint);
        return Optional.empty();
    }

    private static String unusable(Node.Scalar scalar, Range range, String what, boolean whole) {
        String written = shortened(scalar.text());
        String expected = " (expected " + range.describe(what) + ")";
        return switch (scalar.unusable()) {
            case NOT_FINITE -> written + " is not a finite number" + expected;
            case TOO_LONG -> written + " is longer than " + Limits.MAX_NUMBER_LENGTH + " characters" + expected;
            case TOO_LARGE -> whole ? tooLarge(written, range, what) : written + " is out of range" + expected;
            case TOO_SMALL -> whole ? written + " is not a whole number" + expected
                    : written + " is too close to 0" + " (expected " + range.describe(what)
                    + "; write 0, or a number of at least 1e-" + Limits.MAX_EXPONENT + " in size)";
        };
    }

    /** A number as written, cut short when it is too long to repeat in a message. */
    private static String shortened(String written) {
        return written.length() <= SHOWN_DIGITS ? written : written.substring(0, SHOWN_DIGITS) + "...";
    }

    private static boolean looksNumeric(String text) {
        if (text.length() > Limits.MAX_NUMBER_LENGTH) {
            return false;
        }
        try {
            new BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code true} or {@code false}. */
    Optional<Boolean> bool(Node node, KeyPath path) {
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.ScalarKind.BOOLEAN) {
            return Optional.of(scalar.truth());
        }
        problems.add(node.location(), path, Messages.expected("true or false", node));
        return Optional.empty();
    }

    /** A duration of zero or more. */
    Optional<Duration> duration(Node node, KeyPath path) {
        if (node instanceof Node.Scalar scalar) {
            switch (scalar.kind()) {
                case STRING:
                    Optional<Duration> parsed = Durations.parse(scalar.text());
                    if (parsed.isEmpty()) {
                        problems.add(node.location(), path, Messages.quote(scalar.text()) + " is not a duration ("
                                + Durations.EXAMPLES + ")");
                    }
                    return parsed;
                case INTEGER:
                case DECIMAL:
                    if (scalar.number() != null) {
                        problems.add(node.location(), path, Durations.noUnit(scalar.number(), scalar.text()));
                        return Optional.empty();
                    }
                    break;
                default:
                    break;
            }
        }
        problems.add(node.location(), path, Messages.expected("a duration (" + Durations.EXAMPLES + ")", node));
        return Optional.empty();
    }

    /** A duration above zero. */
    Optional<Duration> positiveDuration(Node node, KeyPath path) {
        Optional<Duration> duration = duration(node, path);
        if (duration.isPresent() && duration.get().isZero()) {
            problems.add(node.location(), path, ((Node.Scalar) node).text()
                    + " is not above zero (expected a duration above 0, such as 1s)");
            return Optional.empty();
        }
        return duration;
    }

    /** A rate above zero. */
    Optional<Rate> rate(Node node, KeyPath path) {
        if (node instanceof Node.Scalar scalar) {
            if (scalar.kind() == Node.ScalarKind.STRING) {
                Optional<BigDecimal> perSecond = Rates.perSecond(scalar.text());
                if (perSecond.isEmpty()) {
                    problems.add(node.location(), path, Messages.quote(scalar.text()) + " is not a rate ("
                            + Rates.EXAMPLES + ")");
                    return Optional.empty();
                }
                if (perSecond.get().signum() == 0) {
                    problems.add(node.location(), path, scalar.text()
                            + " is not above zero (expected a rate above 0, such as 1/s)");
                    return Optional.empty();
                }
                Optional<String> outOfRange = Rates.outOfRange(perSecond.get(), Messages.quote(scalar.text()));
                if (outOfRange.isPresent()) {
                    problems.add(node.location(), path, outOfRange.get());
                    return Optional.empty();
                }
                return Optional.of(Rates.of(perSecond.get()));
            }
            if ((scalar.kind() == Node.ScalarKind.INTEGER || scalar.kind() == Node.ScalarKind.DECIMAL)
                    && scalar.number() != null) {
                problems.add(node.location(), path, Rates.noUnit(scalar.number(), scalar.text()));
                return Optional.empty();
            }
        }
        problems.add(node.location(), path, Messages.expected("a rate (" + Rates.EXAMPLES + ")", node));
        return Optional.empty();
    }

    /** A list; {@code what} names its items ({@code a list of phases}). */
    Optional<List<Node>> list(Node node, KeyPath path, String what) {
        if (node instanceof Node.Sequence sequence) {
            return Optional.of(sequence.items());
        }
        problems.add(node.location(), path, Messages.expected(what, node));
        return Optional.empty();
    }

    /** A list with at least one item; {@code whenEmpty} says what it should hold ({@code at least one request}). */
    Optional<List<Node>> nonEmptyList(Node node, KeyPath path, String what, String whenEmpty) {
        Optional<List<Node>> items = list(node, path, what);
        if (items.isPresent() && items.get().isEmpty()) {
            problems.add(node.location(), path, "is empty (expected " + whenEmpty + ")");
            return Optional.empty();
        }
        return items;
    }

    /** A mapping of names to text values (headers, query parameters), in file order. */
    Optional<Map<String, String>> stringMap(Node node, KeyPath path, String what) {
        if (!(node instanceof Node.Mapping mapping)) {
            problems.add(node.location(), path, Messages.expected(what, node));
            return Optional.empty();
        }
        Map<String, String> map = new LinkedHashMap<>();
        boolean ok = true;
        for (Node.Entry entry : mapping.entries()) {
            Optional<String> value = string(entry.value(), path.child(entry.key()));
            if (value.isPresent()) {
                map.put(entry.key(), value.get());
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(map) : Optional.empty();
    }

    /**
     * A mapping of header names to values, in file order: each name an HTTP token, each value free of
     * control characters, so that what is sent is the one header that was written.
     */
    Optional<Map<String, String>> headers(Node node, KeyPath path) {
        Optional<Map<String, String>> map = stringMap(node, path, "a mapping of header names to values");
        if (map.isEmpty()) {
            return map;
        }
        boolean ok = true;
        for (Node.Entry entry : ((Node.Mapping) node).entries()) {
            KeyPath at = path.child(entry.key());
            if (!HeaderSyntax.isToken(entry.key())) {
                problems.add(entry.keyLocation(), at, Messages.quote(entry.key()) + " is not a header name (expected "
                        + HeaderSyntax.TOKEN_CHARACTERS + ", such as X-Request-Id)");
                ok = false;
            }
            OptionalInt illegal = HeaderSyntax.illegalValueCharacter(map.get().get(entry.key()));
            if (illegal.isPresent()) {
                problems.add(entry.value().location(), at, String.format("%s holds the control character U+%04X (expected"
                        + " a header value without CR, LF, NUL or other control characters but tab)",
                        Messages.quote(map.get().get(entry.key())), illegal.getAsInt()));
                ok = false;
            }
        }
        return ok ? map : Optional.empty();
    }

    /** One of a fixed set of words; {@code what} names the kind ({@code a connection fault}). */
    <T> Optional<T> choice(Node node, KeyPath path, String what, Map<String, T> options) {
        if (!(node instanceof Node.Scalar scalar) || scalar.isNull()) {
            problems.add(node.location(), path, Messages.expected(what + " (one of: " + String.join(", ", options.keySet())
                    + ")", node));
            return Optional.empty();
        }
        T value = options.get(scalar.text());
        if (value == null) {
            problems.add(node.location(), path, Messages.quote(scalar.text()) + " is not " + what + " (expected one of: "
                    + String.join(", ", options.keySet()) + ")");
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
