package dev.faultline.scenario.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.faultline.scenario.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML or JSON text with Jackson's streaming parsers into a {@link Node} tree that keeps the
 * line and column of every key and value. Duplicate keys and YAML aliases are reported here; a
 * syntax error ends the reading with one error at the parser's position.
 */
final class TreeReader {
    // "key:" with nothing after it must read as null, not as "": the builder does not default to that.
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .loaderOptions(loaderOptions())
            .streamReadConstraints(Limits.streamReadConstraints())
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(Limits.streamReadConstraints()).build();

    private final SourceLocationFactory locations;
    private final Problems problems;
    private final boolean json;

    private TreeReader(SourceLocationFactory locations, Problems problems, boolean json) {
        this.locations = locations;
        this.problems = problems;
        this.json = json;
    }

    /**
     * The tree of the text, or empty when the text holds no value (empty, or only comments) or has a
     * syntax error (then reported to {@code problems}).
     *
     * @param json true to read strict JSON (which, unlike YAML, allows tabs to indent)
     */
    static Optional<Node> read(String text, boolean json, SourceLocationFactory locations, Problems problems) {
        return new TreeReader(locations, problems, json).read(text);
    }

    private Optional<Node> read(String text) {
        try (JsonParser parser = json ? JSON.createParser(text) : YAML.createParser(text)) {
            try {
                if (parser.nextToken() == null) {
                    return Optional.empty();
                }
                Node root = readValue(parser, KeyPath.ROOT);
                if (parser.nextToken() != null) {
                    problems.add(location(parser), KeyPath.ROOT, json
                            ? "a second JSON value starts here (expected one scenario object per file)"
                            : "a second YAML document starts here (expected one scenario per file; remove the --- or"
                                    + " split the file)");
                }
                return Optional.of(root);
            } catch (JsonProcessingException e) {
                reportSyntaxError(e, parser);
                return Optional.empty();
            }
        } catch (IOException e) {
            // Reading from a String performs no I/O; only closing could declare this.
            throw new UncheckedIOException(e);
        }
    }

    private Node readValue(JsonParser parser, KeyPath path) throws IOException {
        SourceLocation location = location(parser);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readMapping(parser, path, location);
            case START_ARRAY:
                return readSequence(parser, path, location);
            case VALUE_STRING:
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    problems.add(location, path, "the alias *" + parser.getText()
                            + " is not supported (write the value out in full)");
                }
                return new Node.Scalar(location, Node.ScalarKind.STRING, parser.getText(), null);
            case VALUE_NUMBER_INT:
                return new Node.Scalar(location, Node.ScalarKind.INTEGER, parser.getText(), numberValue(parser));
            case VALUE_NUMBER_FLOAT:
                return new Node.Scalar(location, Node.ScalarKind.DECIMAL, parser.getText(), numberValue(parser));
            case VALUE_TRUE:
                return new Node.Scalar(location, Node.ScalarKind.BOOLEAN, parser.getText(), Boolean.TRUE);
            case VALUE_FALSE:
                return new Node.Scalar(location, Node.ScalarKind.BOOLEAN, parser.getText(), Boolean.FALSE);
            case VALUE_NULL:
                return new Node.Scalar(location, Node.ScalarKind.NULL, parser.getText(), null);
            default:
                // Embedded objects and the like do not come out of text parsers; read them as text.
                return new Node.Scalar(location, Node.ScalarKind.STRING, String.valueOf(parser.getText()), null);
        }
    }

    private Node.Mapping readMapping(JsonParser parser, KeyPath path, SourceLocation location) throws IOException {
        List<Node.Entry> entries = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceLocation keyLocation = location(parser);
            parser.nextToken();
            Node value = readValue(parser, path.child(key));
            SourceLocation first = seen.putIfAbsent(key, keyLocation);
            if (first == null) {
                entries.add(new Node.Entry(key, keyLocation, value));
            } else {
                problems.add(keyLocation, path.child(key), "duplicate key " + Messages.quote(key)
                        + " (first written at line " + first.line() + "; keep one)");
            }
        }
        return new Node.Mapping(location, entries);
    }

    private Node.Sequence readSequence(JsonParser parser, KeyPath path, SourceLocation location) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, path.index(items.size())));
        }
        return new Node.Sequence(location, items);
    }

    // SnakeYAML's own limits count code points and nest only its composer, which the streaming parser does not
    // use; the limits that apply are the StreamReadConstraints. These are set so that they agree.
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Limits.MAX_SCENARIO_BYTES);
        options.setNestingDepthLimit(Limits.MAX_NESTING);
        return options;
    }

    // A BigDecimal, or the UnusableNumber that says why there is none. Jackson checks the length (and reads
    // YAML's 0x1F, 1_000 and .5); the exponent is checked before anything computes with the number.
    private static Object numberValue(JsonParser parser) throws IOException {
        try {
            BigDecimal value = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                    ? new BigDecimal(parser.getBigIntegerValue())
                    : parser.getDecimalValue();
            return UnusableNumber.check(value);
        } catch (StreamConstraintsException tooLong) {
            return UnusableNumber.TOO_LONG;
        } catch (JsonProcessingException notDecimal) {
            // .inf and .nan: numbers to YAML, but no value a scenario can use.
            try {
                double value = parser.getDoubleValue();
                return Double.isFinite(value) ? UnusableNumber.check(BigDecimal.valueOf(value)) : UnusableNumber.NOT_FINITE;
            } catch (JsonProcessingException notANumberToJacksonEither) {
                return UnusableNumber.NOT_FINITE;
            }
        }
    }

    private SourceLocation location(JsonParser parser) {
        return location(parser.currentTokenLocation());
    }

    private SourceLocation location(JsonLocation at) {
        return locations.at(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private void reportSyntaxError(JsonProcessingException e, JsonParser parser) {
        if (e instanceof StreamConstraintsException) {
            // Jackson gives these no location; the parser stands where the limit was crossed.
            problems.add(location(parser.currentLocation()), KeyPath.ROOT, SyntaxMessages.limit(e.getOriginalMessage()));
            return;
        }
        MarkedYAMLException marked = markedCause(e);
        if (marked != null && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            problems.add(locations.at(mark.getLine() + 1, mark.getColumn() + 1), KeyPath.ROOT,
                    SyntaxMessages.yaml(marked.getProblem(), marked.getContext()));
            return;
        }
        JsonLocation at = e.getLocation();
        SourceLocation where = at == null ? locations.at(1, 1) : locations.at(at.getLineNr(), at.getColumnNr());
        problems.add(where, KeyPath.ROOT, json ? SyntaxMessages.json(e.getOriginalMessage())
                : SyntaxMessages.yaml(e.getOriginalMessage(), null));
    }

    private static MarkedYAMLException markedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }
}
