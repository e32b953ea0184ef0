package dev.faultline.target;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code /proc/PID/stat} the harness needs to find a target's processes.
 *
 * @param pid     the process id
 * @param state   the state letter ({@code R}, {@code S}, {@code Z} for a zombie, ...)
 * @param pgrp    its process group id (field 5)
 * @param session its session id (field 6)
 */
record ProcStat(long pid, char state, long pgrp, long session) {
    /** True unless the process has ended and only waits to be reaped (a zombie holds no port, no file, no CPU). */
    boolean living() {
        return state != 'Z' && state != 'X';
    }

    static final Path PROC = Path.of("/proc");

    /** This process's folder under {@code /proc}. */
    Path dir() {
        return PROC.resolve(Long.toString(pid));
    }

    /** Every process's, as {@code /proc} lists them now (a process that ends while we look is left out). */
    static List<ProcStat> all() throws IOException {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
            for (Path dir : dirs) {
                if (dir.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    ProcStat stat = read(dir.resolve("stat"));
                    if (stat != null) {
                        all.add(stat);
                    }
                }
            }
        }
        return all;
    }

    /** Reads it, or null if the process ended while we looked. */
    static ProcStat read(Path file) {
        String line;
        try {
            line = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        // The command name is in parentheses and may itself contain spaces or parentheses.
        int close = line.lastIndexOf(')');
        if (close < 0 || close + 2 >= line.length()) {
            return null;
        }
        String[] rest = line.substring(close + 2).split(" ");
        if (rest.length < 4) {
            return null;
        }
        try {
            long pid = Long.parseLong(line.substring(0, line.indexOf(' ')));
            return new ProcStat(pid, rest[0].charAt(0), Long.parseLong(rest[2]), Long.parseLong(rest[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
