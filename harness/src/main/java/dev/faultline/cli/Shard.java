package dev.faultline.cli;

import dev.faultline.scenario.parse.ScenarioLoader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} stable shards of a suite ({@code faultline run DIR --shard INDEX/COUNT}).
 *
 * <p>A file belongs to shard {@code SHA-256(key) mod count} (the digest's first 8 bytes as an unsigned
 * number), where the key is the file's path relative to the folder it was found in, with {@code /}
 * between names (a file named on the command line: its path as given). So every file is in exactly one
 * shard, and its shard depends on nothing but its own key and {@code count}: adding, removing or
 * renaming other files never moves it, and every pod of a job computes the same split without talking
 * to the others. The price is balance: a hash spreads files evenly only on average, so with few files
 * a shard may get none (that shard then runs nothing and exits 0).
 *
 * <p>{@code index} is 0-based, as Kubernetes' {@code JOB_COMPLETION_INDEX} is.
 *
 * @param index 0-based, below {@code count}
 * @param count how many shards the suite is split into, at least 1
 */
record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException(index + "/" + count);
        }
    }

    /**
     * Reads {@code INDEX/COUNT}.
     *
     * @throws IllegalArgumentException with what was wrong and what is expected
     */
    static Shard parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            int count = Integer.parseInt(m.group(2));
            if (count >= 1 && index < count) {
                return new Shard(index, count);
            }
        }
        throw new IllegalArgumentException("--shard " + text + " is not valid (expected INDEX/COUNT with 0 <= INDEX < COUNT,"
                + " INDEX 0-based like Kubernetes' JOB_COMPLETION_INDEX, e.g. --shard 0/4 ... --shard 3/4)");
    }

    /** True if the file with this key belongs to this shard. */
    boolean owns(String key) {
        return of(key, count) == index;
    }

    /** The shard, 0-based, of the file with this key among {@code count}. */
    static int of(String key, int count) {
        byte[] digest = sha256(key.getBytes(StandardCharsets.UTF_8));
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(prefix, count);
    }

    /**
     * The scenario files this shard runs, from the paths given (folders searched as {@code run} does,
     * each file keyed by its path relative to its folder), in the order {@code run} would run them.
     */
    List<Path> select(List<Path> given, Path workingDir) {
        Set<Path> mine = new LinkedHashSet<>();
        for (Path path : given) {
            Path opened = path.isAbsolute() ? path : workingDir.resolve(path);
            if (Files.isDirectory(opened)) {
                for (Path file : ScenarioLoader.expand(List.of(opened))) {
                    if (owns(key(opened.relativize(file)))) {
                        mine.add(file);
                    }
                }
            } else if (owns(key(path))) {
                mine.add(opened);
            }
        }
        return new ArrayList<>(mine);
    }

    /** A path as a key that is the same on every OS: names joined by {@code /}. */
    static String key(Path relative) {
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
