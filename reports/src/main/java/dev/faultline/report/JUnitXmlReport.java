package dev.faultline.report;

import dev.faultline.report.internal.ExpectationText;
import dev.faultline.report.internal.Markup;
import dev.faultline.report.internal.ReplayCommand;
import dev.faultline.report.internal.ReportFacts;
import dev.faultline.report.internal.Slug;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code junit.xml}: every check as a JUnit test case, in the Ant/Surefire dialect that Jenkins,
 * GitLab and the GitHub test-report actions all read.
 *
 * <p>A failed check is a {@code <failure>}, an inconclusive one is {@code <skipped>}. A run that ended
 * in error, was aborted or was invalid adds a test case named {@code run} carrying an {@code <error>},
 * so CI shows it red even when the checks judged before the end all passed; an inconclusive run whose
 * checks do not say why adds a skipped {@code run} for the same reason.
 */
public final class JUnitXmlReport {

    /** The name of the extra test case that stands for the run as a whole. */
    public static final String RUN_CASE = "run";

    // The Ant JUnit schema's timestamp has no zone; CI tools read it as-is, so we give UTC.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private JUnitXmlReport() {
    }

    /** One scenario's report as a document whose root is its {@code <testsuite>}. */
    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder(PROLOG);
        suite(out, report, "");
        return out.toString();
    }

    /** Several scenarios' reports as one document: a {@code <testsuites>} with the totals, one suite each. */
    public static String render(List<RunReport> reports) {
        List<Suite> suites = reports.stream().map(Suite::of).toList();
        double seconds = reports.stream().mapToDouble(RunReport::durationSeconds).filter(Double::isFinite).sum();
        StringBuilder out = new StringBuilder(PROLOG);
        out.append("<testsuites name=\"faultline\"")
                .append(attr("tests", suites.stream().mapToInt(s -> s.cases().size()).sum()))
                .append(attr("failures", suites.stream().mapToLong(s -> s.count(Outcome.FAILURE)).sum()))
                .append(attr("errors", suites.stream().mapToLong(s -> s.count(Outcome.ERROR)).sum()))
                .append(attr("skipped", suites.stream().mapToLong(s -> s.count(Outcome.SKIPPED)).sum()))
                .append(attr("time", Numbers.junitSeconds(seconds)))
                .append(">\n");
        for (RunReport report : reports) {
            suite(out, report, "  ");
        }
        out.append("</testsuites>\n");
        return out.toString();
    }

    private static void suite(StringBuilder out, RunReport report, String indent) {
        Suite suite = Suite.of(report);
        out.append(indent).append("<testsuite").append(attr("name", report.scenario()))
                .append(attr("tests", suite.cases().size()))
                .append(attr("failures", suite.count(Outcome.FAILURE)))
                .append(attr("errors", suite.count(Outcome.ERROR)))
                .append(attr("skipped", suite.count(Outcome.SKIPPED)))
                .append(attr("time", Numbers.junitSeconds(report.durationSeconds())));
        timestamp(report.startedAt()).ifPresent(t -> out.append(attr("timestamp", t)));
        out.append(">\n");

        String inner = indent + "  ";
        out.append(inner).append("<properties>\n");
        property(out, inner + "  ", "seed", Long.toString(report.seed()));
        property(out, inner + "  ", "verdict", report.verdict().text());
        property(out, inner + "  ", "file", report.file());
        property(out, inner + "  ", "replay", ReplayCommand.of(report));
        out.append(inner).append("</properties>\n");

        String classname = "faultline." + Slug.of(report.scenario());
        for (Case c : suite.cases()) {
            out.append(inner).append("<testcase").append(attr("classname", classname)).append(attr("name", c.name()))
                    .append(attr("time", Numbers.junitSeconds(c.seconds())));
            switch (c.outcome()) {
                case PASS -> out.append("/>\n");
                case SKIPPED -> out.append(">\n").append(inner).append("  <skipped").append(attr("message", c.message())).append("/>\n")
                        .append(inner).append("</testcase>\n");
                case FAILURE, ERROR -> {
                    String element = c.outcome() == Outcome.FAILURE ? "failure" : "error";
                    out.append(">\n").append(inner).append("  <").append(element).append(attr("message", c.message()))
                            .append(attr("type", c.type())).append('>').append(Markup.escape(c.detail()))
                            .append("</").append(element).append(">\n")
                            .append(inner).append("</testcase>\n");
                }
            }
        }

        List<String> notes = notes(report);
        if (!notes.isEmpty()) {
            out.append(inner).append("<system-out>").append(Markup.escape(String.join("\n", notes))).append("</system-out>\n");
        }
        out.append(indent).append("</testsuite>\n");
    }

    /** What a reader of the CI log should know that no single test case carries. */
    private static List<String> notes(RunReport report) {
        List<String> notes = new ArrayList<>();
        List<String> unfired = ReportFacts.rulesNeverFired(report);
        if (!unfired.isEmpty()) {
            notes.add("fault rules that never fired: " + String.join(", ", unfired));
        }
        if (ReportFacts.journalDropped(report)) {
            notes.add("journal: " + ReportFacts.journalDropLine(report));
        }
        notes.addAll(report.harness().notes());
        if (!notes.isEmpty()) {
            notes.add("replay: " + ReplayCommand.of(report));
        }
        return notes;
    }

    private static void property(StringBuilder out, String indent, String name, String value) {
        out.append(indent).append("<property").append(attr("name", name)).append(attr("value", value)).append("/>\n");
    }

    private static Optional<String> timestamp(String startedAt) {
        if (startedAt.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TIMESTAMP.format(Instant.parse(startedAt).atOffset(ZoneOffset.UTC)));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(TIMESTAMP.format(OffsetDateTime.parse(startedAt).withOffsetSameInstant(ZoneOffset.UTC)));
            } catch (DateTimeParseException unreadable) {
                // A timestamp CI cannot parse is worse than none; the report.json keeps the original.
                return Optional.empty();
            }
        }
    }

    private static String attr(String name, Object value) {
        return " " + name + "=\"" + Markup.escapeAttribute(String.valueOf(value)) + "\"";
    }

    private enum Outcome { PASS, FAILURE, ERROR, SKIPPED }

    private record Case(String name, Outcome outcome, String message, String type, String detail, double seconds) {
    }

    private record Suite(List<Case> cases) {

        static Suite of(RunReport report) {
            List<Case> cases = new ArrayList<>();
            for (ExpectationResult e : report.expectations()) {
                cases.add(switch (e.status()) {
                    case PASSED -> new Case(e.id(), Outcome.PASS, "", "", "", 0);
                    case FAILED -> new Case(e.id(), Outcome.FAILURE, ExpectationText.verdictLine(e), "expectation",
                            ExpectationText.explanation(e), 0);
                    case INCONCLUSIVE -> new Case(e.id(), Outcome.SKIPPED, ExpectationText.explanation(e), "", "", 0);
                });
            }
            runCase(report).ifPresent(cases::add);
            return new Suite(List.copyOf(cases));
        }

        private static Optional<Case> runCase(RunReport report) {
            String message = ReportFacts.runMessage(report);
            return switch (report.verdict()) {
                case ERROR, ABORTED, INVALID -> Optional.of(new Case(RUN_CASE, Outcome.ERROR, message, report.verdict().text(),
                        message, report.durationSeconds()));
                case INCONCLUSIVE -> ReportFacts.count(report, CheckStatus.INCONCLUSIVE) > 0
                        ? Optional.empty()
                        : Optional.of(new Case(RUN_CASE, Outcome.SKIPPED, message, "", "", report.durationSeconds()));
                case HELD, FAILED -> Optional.empty();
            };
        }

        long count(Outcome outcome) {
            return cases.stream().filter(c -> c.outcome() == outcome).count();
        }
    }
}
