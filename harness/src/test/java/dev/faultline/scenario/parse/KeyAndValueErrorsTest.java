package dev.faultline.scenario.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown keys, missing keys, wrong types, and values that are not durations, rates or in range. */
class KeyAndValueErrorsTest {
    @TempDir
    Path dir;

    private java.util.List<String> errors(String yaml) {
        return new ScenarioFiles(dir).errors(yaml);
    }

    private String phaseWith(String key, String value) {
        return "name: t\nphases:\n  - {name: a, duration: 10s, " + key + ": " + value + "}\n";
    }

    @Test
    void anUnknownKeySuggestsTheClosestKnownKey() {
        assertThat(errors("""
                name: t
                upstreams:
                  payments:
                    rotes: []
                """ + ScenarioFiles.ONE_PHASE)).containsExactly(
                "4:5: upstreams.payments.rotes: unknown key \"rotes\" (expected one of: http2, instances, port, preserve-host, proxy, routes, tls; did you mean \"routes\"?)");
    }

    @Test
    void anUnknownKeyInCamelCaseSuggestsItsKebabCaseSpelling() {
        assertThat(errors("""
                name: t
                upstreams: {p: {}}
                """ + ScenarioFiles.ONE_PHASE + """
                expect:
                  retries: {maxAmplification: 2}
                """)).containsExactly("6:13: expect.retries.maxAmplification: unknown key \"maxAmplification\" (expected"
                + " one of: by, during, honor-retry-after, max-amplification, max-attempts-per-call, max-recovery,"
                + " max-retry-ratio, max-sync, no-retry-on, require-jitter, upstream; did you mean \"max-amplification\"?)");
    }

    @Test
    void anUnknownKeyFarFromEveryKnownKeyGetsNoSuggestion() {
        assertThat(errors("name: t\nowner: me\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:1: owner: unknown key \"owner\" (expected one of: $schema, description, expect, journal, load, name, phases,"
                        + " probes, seed, target, upstreams)");
    }

    @Test
    void theNameIsRequired() {
        assertThat(errors(ScenarioFiles.ONE_PHASE)).containsExactly(
                "1:1: missing key \"name\" (expected the scenario's name, such as name: checkout survives an outage)");
    }

    @Test
    void theNameMustNotBeEmpty() {
        assertThat(errors("name: \"  \"\n" + ScenarioFiles.ONE_PHASE))
                .containsExactly("1:7: name: is empty (expected the scenario's name)");
    }

    @Test
    void phasesAreRequired() {
        assertThat(errors("name: t\n")).containsExactly(
                "1:1: missing key \"phases\" (expected a list of phases, each with name and duration)");
    }

    @Test
    void anEmptyPhaseListIsAnError() {
        assertThat(errors("name: t\nphases: []\n")).containsExactly(
                "2:9: phases: is empty (expected at least one phase, such as [{name: steady, duration: 10s}])");
    }

    @Test
    void phasesWrittenAsAMappingAreAnError() {
        assertThat(errors("name: t\nphases:\n  steady: {duration: 10s}\n")).containsExactly(
                "3:3: phases: expected a list of phases, each with name and duration but found a mapping");
    }

    @Test
    void aPhaseNeedsANameAndADuration() {
        assertThat(errors("name: t\nphases:\n  - {faults: {}}\n")).containsExactly(
                "3:5: phases[0]: missing key \"name\" (expected the phase's name, such as name: outage)",
                "3:5: phases[0]: missing key \"duration\" (expected how long the phase lasts, such as duration: 10s)");
    }

    @Test
    void phaseNamesMustBeUnique() {
        assertThat(errors("""
                name: t
                phases:
                  - {name: outage, duration: 10s}
                  - {name: outage, duration: 10s}
                """)).containsExactly(
                "4:6: phases[1].name: duplicate phase name \"outage\" (first used by phases[0]; names must be unique)");
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        assertThat(errors(phaseWith("faults", "{}").replace("name: t", "name: t\nseed: [1, 2]"))).containsExactly(
                "2:7: seed: expected an integer but found a list");
    }

    @Test
    void aListWhereANumberBelongsIsReportedAsSuch() {
        assertThat(errors("""
                name: t
                upstreams: {p: {}}
                phases:
                  - name: a
                    duration: 10s
                    faults:
                      p:
                        - {probability: [1], connection: drop}
                """)).containsExactly(
                "8:25: phases[0].faults.p[0].probability: expected a number but found a list");
    }

    @Test
    void aQuotedNumberIsAStringWithAHint() {
        assertThat(errors("name: t\nupstreams:\n  p:\n    port: \"8080\"\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "4:11: upstreams.p.port: expected a port number but found \"8080\" (write numbers without quotes)");
    }

    @Test
    void aNumberWithAFractionIsNotAWholeNumber() {
        assertThat(errors("name: t\nseed: 1.5\n" + ScenarioFiles.ONE_PHASE))
                .containsExactly("2:7: seed: 1.5 is not a whole number (expected an integer)");
    }

    @Test
    void anEmptyValueIsReportedAsNothing() {
        assertThat(errors("name: t\ndescription:\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:13: description: expected a string but found nothing (write \"\" for an empty string)");
    }

    @Test
    void aDurationWithAnUnknownUnitSaysWhichUnitsWork() {
        assertThat(errors(phaseWith("duration", "\"-5 parsecs\"").replace("duration: 10s, ", ""))).containsExactly(
                "3:25: phases[0].duration: \"-5 parsecs\" is not a duration (use 250ms, 2s, 1.5s, 1m)");
    }

    @Test
    void aBareNumberWhereADurationBelongsSuggestsTheUnits() {
        assertThat(errors("name: t\nphases:\n  - {name: a, duration: 2}\n  - {name: b, duration: 1.5}\n")).containsExactly(
                "3:25: phases[0].duration: 2 has no unit (use 2s or 2000ms)",
                "4:25: phases[1].duration: 1.5 has no unit (use 1.5s or 1500ms)");
    }

    @Test
    void aPhaseOfZeroDurationIsAnError() {
        assertThat(errors("name: t\nphases:\n  - {name: a, duration: 0ms}\n")).containsExactly(
                "3:25: phases[0].duration: 0ms is not above zero (expected a duration above 0, such as 1s)");
    }

    @Test
    void durationsAcceptMillisecondsSecondsMinutesHoursAndDecimals() {
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("2s")).contains(Duration.ofSeconds(2));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("1m")).contains(Duration.ofMinutes(1));
        assertThat(Durations.parse("0.5h")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse("0.25ms")).contains(Duration.ofNanos(250_000));
        assertThat(Durations.parse("-1s")).isEmpty();
        assertThat(Durations.parse("1 s")).isEmpty();
        assertThat(Durations.parse("1d")).isEmpty();
        assertThat(Durations.parse("99999999999999h")).isEmpty();
    }

    @Test
    void durationsAreFormattedAsAuthorsWriteThem() {
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void aRateNeedsAUnit() {
        assertThat(errors(loadWithRate("100"))).containsExactly(
                "5:9: load.rate: 100 has no unit (use 100/s or 6000/m)");
    }

    @Test
    void aRateThatIsNotARateSaysWhichFormsWork() {
        assertThat(errors(loadWithRate("fast"))).containsExactly(
                "5:9: load.rate: \"fast\" is not a rate (use 100/s, 600/m or 3600/h)");
    }

    @Test
    void aRateOfZeroIsAnError() {
        assertThat(errors(loadWithRate("0/s"))).containsExactly(
                "5:9: load.rate: 0/s is not above zero (expected a rate above 0, such as 1/s)");
    }

    @Test
    void ratesPerMinuteAndPerHourAreConvertedToPerSecond() {
        ScenarioFiles files = new ScenarioFiles(dir);

        assertThat(files.loaded(loadWithRate("600/m")).load().orElseThrow().rate().get(0).rate().perSecond())
                .isEqualTo(10.0);
        assertThat(files.loaded(loadWithRate("3600/h")).load().orElseThrow().rate().get(0).rate().perSecond())
                .isEqualTo(1.0);
        assertThat(files.loaded(loadWithRate("0.5/s")).load().orElseThrow().rate().get(0).rate().perSecond())
                .isEqualTo(0.5);
    }

    private static String loadWithRate(String rate) {
        return """
                name: t
                target: {url: "http://127.0.0.1:8080"}
                load:
                  requests: [{path: /}]
                  rate: %s
                """.formatted(rate) + ScenarioFiles.ONE_PHASE;
    }

    @Test
    void aProbabilityAboveOneIsOutOfRange() {
        assertThat(errors("""
                name: t
                upstreams: {payments: {}}
                phases:
                  - name: outage
                    duration: 10s
                    faults:
                      payments:
                        - {probability: 1.5, connection: drop}
                """)).containsExactly("8:25: phases[0].faults.payments[0].probability: 1.5 is out of range (expected a"
                + " number from 0 to 1)");
    }

    @Test
    void notANumberIsNotAFiniteNumber() {
        assertThat(errors("""
                name: t
                upstreams: {payments: {}}
                phases:
                  - name: outage
                    duration: 10s
                    faults:
                      payments:
                        - {probability: .nan, connection: drop}
                """)).containsExactly("8:25: phases[0].faults.payments[0].probability: .nan is not a finite number"
                + " (expected a number from 0 to 1)");
    }

    @Test
    void aStatusOutside100To599IsOutOfRange() {
        assertThat(errors("""
                name: t
                upstreams:
                  payments:
                    routes:
                      - respond: {status: 99}
                      - respond: {status: 600}
                """ + ScenarioFiles.ONE_PHASE)).containsExactly(
                "5:27: upstreams.payments.routes[0].respond.status: 99 is out of range (expected an HTTP status from 100 to 599)",
                "6:27: upstreams.payments.routes[1].respond.status: 600 is out of range (expected an HTTP status from 100"
                        + " to 599)");
    }

    @Test
    void aNumberTooLargeForItsKeySaysTheLargestAllowed() {
        assertThat(errors("name: t\njournal: {max-events: 5000000000}\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:23: journal.max-events: 5000000000 is too large (expected a number of events up to 2147483647)");
    }

    @Test
    void theJournalNeedsRoomForAtLeastOneEvent() {
        assertThat(errors("name: t\njournal: {max-events: 0}\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:23: journal.max-events: 0 is out of range (expected a number of events of at least 1)");
    }

    @Test
    void theJournalCapDefaultsToAMillionEventsAndCanBeSet() {
        ScenarioFiles files = new ScenarioFiles(dir);

        assertThat(files.loaded("name: t\n" + ScenarioFiles.ONE_PHASE).journalCap()).isEqualTo(1_000_000);
        assertThat(files.loaded("name: t\njournal: {max-events: 500}\n" + ScenarioFiles.ONE_PHASE).journalCap())
                .isEqualTo(500);
    }

    @Test
    void theJournalByteBoundDefaultsTo256MebibytesAndMustBePositive() {
        ScenarioFiles files = new ScenarioFiles(dir);

        assertThat(files.loaded("name: t\n" + ScenarioFiles.ONE_PHASE).journalMaxBytes()).isEqualTo(268_435_456L);
        assertThat(files.loaded("name: t\njournal: {max-events: 500, max-bytes: 1000000}\n" + ScenarioFiles.ONE_PHASE)
                .journalMaxBytes()).isEqualTo(1_000_000L);
        assertThat(errors("name: t\njournal: {max-bytes: 0}\n" + ScenarioFiles.ONE_PHASE)).containsExactly(
                "2:22: journal.max-bytes: 0 is out of range (expected a number of bytes of at least 1)");
    }

    @Test
    void withoutSeedTheSeedIsEmptyAndTheDescriptionBlank() {
        var scenario = new ScenarioFiles(dir).loaded("name: t\n" + ScenarioFiles.ONE_PHASE);

        assertThat(scenario.seed()).isEmpty();
        assertThat(scenario.description()).isEmpty();
        assertThat(scenario.upstreams()).isEmpty();
        assertThat(scenario.target()).isEmpty();
        assertThat(scenario.load()).isEmpty();
        assertThat(scenario.probes()).isEmpty();
        assertThat(scenario.expect().isEmpty()).isTrue();
        assertThat(scenario.features()).isEmpty();
    }

    @Test
    void yamlOnePointOneYesAndNoAreBooleans() {
        var retries = new ScenarioFiles(dir).loaded("""
                name: t
                upstreams: {p: {}}
                """ + ScenarioFiles.ONE_PHASE + """
                expect:
                  retries: {honor-retry-after: yes, require-jitter: No}
                """).expect().retries().get(0);

        assertThat(retries.honorRetryAfter()).contains(true);
        assertThat(retries.requireJitter()).contains(false);
    }

    @Test
    void textWhereABooleanBelongsIsAnError() {
        assertThat(errors("name: t\nupstreams: {p: {}}\n" + ScenarioFiles.ONE_PHASE
                + "expect:\n  retries: {require-jitter: maybe}\n")).containsExactly(
                "6:29: expect.retries.require-jitter: expected true or false but found \"maybe\"");
    }

    @Test
    void closestKeysForgiveCaseUnderscoresAndSmallTypos() {
        var keys = java.util.List.of("body", "body-file", "headers", "status");

        assertThat(KeySuggestions.closest("body_file", keys)).contains("body-file");
        assertThat(KeySuggestions.closest("Status", keys)).contains("status");
        assertThat(KeySuggestions.closest("hedaers", keys)).contains("headers");
        assertThat(KeySuggestions.closest("payload", keys)).isEmpty();
    }
}
