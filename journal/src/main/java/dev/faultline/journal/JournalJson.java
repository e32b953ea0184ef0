package dev.faultline.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes events as JSON lines ({@code journal.jsonl}) and reads them back into the same records, so
 * a run can be analyzed again offline.
 *
 * <p>One object per line: {@code type} first (each event's {@link Event#type()}), then the record's
 * fields under their Java names (camelCase), nanoseconds as integers. Fields that are {@code null}
 * are left out and read back as {@code null}; fields a reader does not know are ignored, so an
 * older faultline can read a newer journal. Threadsafe.
 */
public final class JournalJson {
    /**
     * The discriminator of every event type; a unit test checks it covers every permitted subtype
     * of {@link Event} and agrees with {@link Event#type()}.
     */
    static final Map<Class<? extends Event>, String> TYPES = Map.ofEntries(
            Map.entry(UpstreamRequest.class, "upstream-request"),
            Map.entry(UpstreamDown.class, "upstream-down"),
            Map.entry(PhaseStarted.class, "phase-started"),
            Map.entry(RunEnded.class, "run-ended"),
            Map.entry(SignalSent.class, "signal-sent"),
            Map.entry(TargetStarted.class, "target-started"),
            Map.entry(TargetReady.class, "target-ready"),
            Map.entry(TargetExited.class, "target-exited"),
            Map.entry(LoadResult.class, "load-result"),
            Map.entry(ProbeResult.class, "probe-result"),
            Map.entry(TimerNoise.class, "timer-noise"),
            Map.entry(TlsHandshake.class, "tls-handshake"),
            Map.entry(ResponseDrift.class, "drift"));

    private static final ObjectMapper MAPPER = newMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(Event.class);
    private static final ObjectReader READER = MAPPER.readerFor(Event.class);

    private JournalJson() {
    }

    // Type information goes on through a mix-in so the event records stay free of Jackson.
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface EventTypeMixin {
    }

    // A single instance's exchanges leave "instance" out, so journals of upstreams without a pool
    // read and write exactly as before pools existed.
    private interface UpstreamRequestMixin {
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        int instance();

        // Requests over HTTP/1.1 have no stream, and leave it out as journals did before HTTP/2.
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        int stream();
    }

    private static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addMixIn(Event.class, EventTypeMixin.class)
                .addMixIn(UpstreamRequest.class, UpstreamRequestMixin.class)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build();
        TYPES.forEach((type, name) -> mapper.registerSubtypes(new NamedType(type, name)));
        return mapper;
    }

    /** One event as one line of JSON, without the line break. */
    public static String toLine(Event event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write " + event.type() + " event as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one line written by {@link #toLine(Event)}.
     *
     * @throws IOException if it is not JSON or not a known event
     */
    public static Event fromLine(String line) throws IOException {
        return READER.readValue(line);
    }

    /** Writes events, one line each; the writer is flushed, not closed. */
    public static void write(Iterable<? extends Event> events, Writer out) throws IOException {
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            // One object per line: no separator between root values (Jackson's default is a space),
            // and the caller's writer stays open.
            generator.setRootValueSeparator(null);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            for (Event event : events) {
                WRITER.writeValue(generator, event);
                generator.writeRaw('\n');
            }
        }
        out.flush();
    }

    /** Writes events to a file (created or replaced), one line each. */
    public static void write(Iterable<? extends Event> events, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(events, out);
        }
    }

    /**
     * Reads every event, in file order; blank lines are skipped.
     *
     * @throws IOException naming the line, if one is not a known event
     */
    public static List<Event> read(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        List<Event> events = new ArrayList<>();
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(fromLine(line));
            } catch (IOException e) {
                String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                throw new IOException("journal line " + number + " is not an event: " + why, e);
            }
        }
        return events;
    }

    /** Reads every event of a {@code journal.jsonl} file. */
    public static List<Event> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
