package dev.faultline.scenario.parse;

import dev.faultline.scenario.Scenario;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An old spelling of a key loads to the same scenario as the new one, with a note; both at once is an error. */
class OldSpellingsTest {
    private static final String UPSTREAM_AND_TARGET = """
            name: spelling
            upstreams:
              payments: {}
            target:
              run: [curl, "${upstreams.payments.url}"]
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            per      | by | phases[0].faults.payments[0].per | RULE
            calls-by | by | expect.retries.calls-by          | RETRIES
            limit-by | by | expect.fairness.limit-by         | FAIRNESS
            per      | every | phases[0].faults.payments[0].rate-limit.per | RATE_LIMIT
            """)
    void anOldSpellingLoadsToTheSameScenarioAsTheNewWithANote(String old, String current, String path, String place) {
        // Padding after the colon keeps every value's column, so the two files differ in the key alone.
        int width = Math.max(old.length(), current.length());
        String oldText = scenario(place, old + ":" + " ".repeat(width - old.length()));
        String newText = scenario(place, current + ":" + " ".repeat(width - current.length()));
        ScenarioFiles files = new ScenarioFiles(dir);

        LoadOutcome.Loaded oldResult = loadedResult(files.write("scenario.yaml", oldText));
        Scenario fromOld = oldResult.scenario();
        LoadOutcome.Loaded newResult = loadedResult(files.write("scenario.yaml", newText));

        assertThat(fromOld).isEqualTo(newResult.scenario());
        assertThat(newResult.notes()).isEmpty();
        assertThat(oldResult.notes()).extracting(ScenarioError::toString).singleElement().asString()
                .endsWith(": " + path + ": '" + old + "' is an old spelling of '" + current
                        + "' (still accepted; write '" + current + "')")
                .startsWith(dir.resolve("scenario.yaml") + ":");
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', textBlock = """
            per      | by | RULE
            calls-by | by | RETRIES
            limit-by | by | FAIRNESS
            per      | every | RATE_LIMIT
            """)
    void bothSpellingsOfOneKeyAreAnErrorNamingBoth(String old, String current, String place) {
        String text = scenario(place, old + ":").replace(old + ":", old + ": " + value(place) + ", " + current + ":");

        assertThat(new ScenarioFiles(dir).errors(text)).singleElement().asString()
                .contains("'" + old + "' and '" + current + "' are one key spelt two ways (keep '" + current
                        + "' and remove '" + old + "')");
    }

    private static LoadOutcome.Loaded loadedResult(Path file) {
        LoadOutcome result = new ScenarioLoader().load(file);
        assertThat(result).as(result.toString()).isInstanceOf(LoadOutcome.Loaded.class);
        return (LoadOutcome.Loaded) result;
    }

    private static String value(String place) {
        return switch (place) {
            case "RULE" -> "client";
            case "RETRIES" -> "client";
            case "RATE_LIMIT" -> "2s";
            default -> "tenant";
        };
    }

    // KEY is the key being spelt, with its colon; the rest of the file is the same for both spellings.
    private static String scenario(String place, String key) {
        return switch (place) {
            case "RULE" -> UPSTREAM_AND_TARGET + """
                    phases:
                      - name: outage
                        duration: 5s
                        faults:
                          payments: [{first: 2, KEY client, probability: 0.5, respond: {status: 503}}]
                    """.replace("KEY", key);
            case "RETRIES" -> UPSTREAM_AND_TARGET + """
                    phases:
                      - {name: outage, duration: 5s, faults: {payments: [{respond: {status: 503}}]}}
                    expect:
                      retries: {KEY client, max-attempts-per-call: 3}
                    """.replace("KEY", key);
            case "RATE_LIMIT" -> UPSTREAM_AND_TARGET + """
                    phases:
                      - name: limited
                        duration: 5s
                        faults:
                          payments: [{rate-limit: {limit: 20, KEY 2s, by: client}}]
                    """.replace("KEY", key);
            default -> """
                    name: spelling
                    target:
                      url: http://127.0.0.1:8080
                    load:
                      tenants: [{name: a, rate: 5/s}, {name: b, rate: 5/s}]
                      requests: [{path: /}]
                    phases:
                      - {name: steady, duration: 5s}
                    expect:
                      fairness: {tenants: true, limit: 10/s, KEY tenant, max-limit-error: 0.2}
                    """.replace("KEY", key);
        };
    }
}
