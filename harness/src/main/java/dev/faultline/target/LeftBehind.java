package dev.faultline.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes of a target replica that a signal to its process group does not reach: children that
 * moved to a group of their own ({@code setpgid}: job-control shells, {@code make -j}, node's detached
 * spawn) are still in the replica's session; those that also left the session ({@code setsid}, a
 * double-forked daemon) still carry the replica's {@link TargetMarker} in their environment. Both are
 * read from {@code /proc}. Members of the replica's own group are left to the group's signals.
 */
final class LeftBehind {
    private static final int KILL_ROUNDS = 40;
    private static final long ROUND_PAUSE_MILLIS = 25;
    private static final int COMMAND_CHARS = 80;

    private LeftBehind() {
    }

    /**
     * A process found outside the replica's group.
     *
     * @param pid         its pid
     * @param command     its command line, shortened
     * @param sameSession true if it only left the group, false if it left the session as well
     */
    record Straggler(long pid, String command, boolean sameSession) {
        /** One line for the report: what was killed and why it was not reached with the group. */
        String describe() {
            return "killed late: pid " + pid + " (" + command + ") left its process group"
                    + (sameSession ? "" : " and its session");
        }
    }

    /**
     * The living processes of session {@code leader} outside its group, and those carrying {@code marker}.
     * The replica was started under {@code setsid}, so its session id and group id are both the leader's pid.
     */
    static List<Straggler> find(long leader, Optional<String> marker) {
        List<Straggler> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try {
            for (ProcStat stat : ProcStat.all()) {
                if (!stat.living() || stat.pgrp() == leader || stat.pid() == self) {
                    continue;
                }
                boolean sameSession = stat.session() == leader;
                if (sameSession || marker.isPresent() && TargetMarker.carried(read(stat.dir().resolve("environ")), marker.get())) {
                    found.add(new Straggler(stat.pid(), command(stat.dir()), sameSession));
                }
            }
        } catch (IOException e) {
            // No /proc: nothing can be found beyond the group, which is still signalled as a whole.
        }
        return found;
    }

    /**
     * KILLs every straggler, scanning again until a scan finds none (one may fork while we look), for
     * at most about a second (a process stuck in the kernel cannot be killed sooner).
     *
     * @return every process killed, once each, in the order found
     */
    static List<Straggler> kill(long leader, Optional<String> marker) throws InterruptedException {
        Map<Long, Straggler> killed = new LinkedHashMap<>();
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Straggler> found = find(leader, marker);
            if (found.isEmpty()) {
                break;
            }
            for (Straggler s : found) {
                // ProcessHandle checks the start time too, so a pid reused meanwhile is not hit.
                ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroyForcibly);
                killed.putIfAbsent(s.pid(), s);
            }
            Thread.sleep(ROUND_PAUSE_MILLIS);
        }
        return List.copyOf(killed.values());
    }

    /** KILLs every straggler found in one scan, without waiting: for the harness's emergency exit. */
    static List<Straggler> killNow(long leader, Optional<String> marker) {
        List<Straggler> found = find(leader, marker);
        found.forEach(s -> ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroyForcibly));
        return found;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            return new byte[0]; // ended while we looked, or another user's process
        }
    }

    private static String command(Path dir) {
        String line = new String(read(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
        if (line.isEmpty()) {
            line = new String(read(dir.resolve("comm")), StandardCharsets.UTF_8).strip();
        }
        return line.length() <= COMMAND_CHARS ? line : line.substring(0, COMMAND_CHARS - 1) + "…";
    }
}
