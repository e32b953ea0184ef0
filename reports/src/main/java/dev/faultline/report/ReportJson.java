package dev.faultline.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code report.json}: a {@link RunReport} as pretty JSON and back. Keys are the record components'
 * names, enums their lower-case words, and absent values are written as {@code null} so a consumer
 * sees every key in every report.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A newer faultline may add keys within the same format version; re-rendering an
            // otherwise readable report must not fail on them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPrettyPrinter(new DefaultPrettyPrinter().withSeparators(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)))
            .build();

    private ReportJson() {
    }

    /** The report as pretty JSON, ending in a newline. */
    public static String write(RunReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and lists always serialise; reaching here is a bug in the model.
            throw new IllegalStateException("cannot write the report of \"" + report.scenario() + "\" as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a report written by {@link #write} (or by an older faultline of the same format version).
     *
     * @throws ReportFormatException if the text is not JSON, does not describe a report, or comes from
     *                               a newer format version than this code knows
     */
    public static RunReport read(String json) {
        RunReport report;
        try {
            report = MAPPER.readValue(json, RunReport.class);
        } catch (JsonProcessingException e) {
            throw new ReportFormatException(where(e.getLocation()) + rootMessage(e), e);
        }
        if (report == null) {
            throw new ReportFormatException("the report is empty (expected a JSON object with scenario, verdict, expectations, ...)");
        }
        if (report.formatVersion() > RunReport.FORMAT_VERSION) {
            throw new ReportFormatException("formatVersion: the report has format version " + report.formatVersion()
                    + " but this faultline reads up to version " + RunReport.FORMAT_VERSION + " (re-render it with a newer faultline)");
        }
        return report;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /** The deepest cause, which names the actual problem (e.g. an unknown verdict) rather than Jackson's wrapper. */
    private static String rootMessage(JsonProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause == e ? e.getOriginalMessage() : cause.getMessage();
        return message == null ? e.getOriginalMessage() : message;
    }
}
