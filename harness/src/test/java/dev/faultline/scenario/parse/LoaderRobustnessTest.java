package dev.faultline.scenario.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Whatever a file holds, loading it returns a result: never an exception, never an invalid result without errors. */
class LoaderRobustnessTest {
    private static final List<String> ODD_VALUES = List.of("[1, 2]", "{}", "\"\"", "-1", "1.5", "0", "x", "~", "true",
            "\"${\"", "1e400", ".inf", "99999999999999999999", "/", "\"../../x\"", "'*a'", "[]", "{a: {b: [c]}}",
            "\"${upstreams..url}\"", "0s", "1/s", "header:", "\"\\t\"", "&a 1", "*a", "1.0e+999999999", "1.0e-999999999",
            "\"\\e[2J\"", "[".repeat(70) + "1" + "]".repeat(70));

    @TempDir
    Path dir;

    @Test
    void mutationsOfTheCompleteExampleAlwaysGiveAResult() {
        SplittableRandom random = new SplittableRandom(20261126L);
        ScenarioFiles files = new ScenarioFiles(dir);
        List<String> lines = Arrays.asList(CompleteExampleTest.EXAMPLE.split("\n", -1));
        for (int i = 0; i < 400; i++) {
            String mutated = mutate(lines, random);
            Path file = files.write("m" + i + ".yaml", mutated);

            assertThatCode(() -> {
                LoadOutcome result = new ScenarioLoader().load(file);
                if (result instanceof LoadOutcome.Invalid invalid) {
                    assertThat(invalid.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.toString())
                            .startsWith(file + ":").doesNotContain("Exception"));
                }
            }).as("loading mutation %d:%n%s", i, mutated).doesNotThrowAnyException();
        }
    }

    private static String mutate(List<String> lines, SplittableRandom random) {
        List<String> out = new ArrayList<>(lines);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(out.size());
            String line = out.get(at);
            switch (random.nextInt(4)) {
                case 0 -> out.remove(at);
                case 1 -> out.add(at, line);
                case 2 -> {
                    int colon = line.indexOf(": ");
                    String value = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
                    out.set(at, colon < 0 ? line + " " + value : line.substring(0, colon + 2) + value);
                }
                default -> out.set(at, " ".repeat(random.nextInt(4)) + line.strip());
            }
        }
        return String.join("\n", out);
    }
}
