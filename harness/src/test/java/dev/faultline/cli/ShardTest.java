package dev.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    @TempDir
    Path dir;

    private Path suite(String name, int files) throws IOException {
        Path root = dir.resolve(name);
        for (int i = 0; i < files; i++) {
            Path file = root.resolve("group-" + i % 3).resolve("scenario-" + i + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "name: s" + i + "\n");
        }
        return root;
    }

    private static Map<Path, Integer> shardOf(Path root, int count) {
        Map<Path, Integer> owner = new HashMap<>();
        for (int i = 0; i < count; i++) {
            for (Path file : new Shard(i, count).select(List.of(root), root)) {
                Integer before = owner.put(root.relativize(file), i);
                assertThat(before).as("%s in shard %s and %s", file, before, i).isNull();
            }
        }
        return owner;
    }

    @Test
    void everyFileLandsInExactlyOneShardAndTheShardsTogetherAreTheSuite() throws IOException {
        Path root = suite("suite", 40);
        List<Path> all = dev.faultline.scenario.parse.ScenarioLoader.expand(List.of(root)).stream().map(root::relativize).toList();

        for (int count : new int[] {1, 2, 3, 7}) {
            Map<Path, Integer> owner = shardOf(root, count);
            assertThat(owner.keySet()).as("count %d", count).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void aFileKeepsItsShardWhenOtherFilesAreAddedAndWhereverTheFolderLies() throws IOException {
        Map<Path, Integer> before = shardOf(suite("small", 20), 4);
        Map<Path, Integer> after = shardOf(suite("grown", 60), 4);

        before.forEach((file, shard) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(shard));
        assertThat(new HashSet<>(before.values())).as("20 files over 4 shards use more than one").hasSizeGreaterThan(1);
    }

    @Test
    void theKeyIsThePathUnderTheFolderWithSlashes() {
        assertThat(Shard.key(Path.of("retries", "curl.yaml"))).isEqualTo("retries/curl.yaml");
        // The first 8 bytes of SHA-256 as an unsigned number, mod COUNT (values from Python's hashlib):
        // a fixed function, so every pod and every version splits alike.
        assertThat(Shard.of("retries/curl.yaml", 5)).isEqualTo(4);
        assertThat(Shard.of("retries/curl.yaml", 4)).isEqualTo(3);
        assertThat(Shard.of("demo/naive-client.yaml", 5)).isEqualTo(1);
    }

    @Test
    void theIndexIsZeroBasedLikeJobCompletionIndexAndBadFormsAreRefusedWithTheExpectedForm() {
        assertThat(Shard.parse("0/4")).isEqualTo(new Shard(0, 4));
        assertThat(Shard.parse("3/4")).isEqualTo(new Shard(3, 4));
        List<String> bad = new ArrayList<>(List.of("4/4", "1/0", "-1/3", "1", "a/b", "1/2/3", ""));
        for (String text : bad) {
            assertThatThrownBy(() -> Shard.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected INDEX/COUNT with 0 <= INDEX < COUNT");
        }
    }

    @Test
    void theShardsSpreadALargeSuiteRoughlyEvenly() {
        int count = 4;
        int[] sizes = new int[count];
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 4000; i++) {
            keys.add("dir-" + i % 17 + "/scenario-" + i + ".yaml");
        }
        keys.forEach(k -> sizes[Shard.of(k, count)]++);
        // Binomial(4000, 1/4): sd 27.4; 6 sd either side of 1000 fails by chance about once in 10^9
        for (int size : sizes) {
            assertThat(size).isBetween(1000 - 165, 1000 + 165);
        }
    }
}
