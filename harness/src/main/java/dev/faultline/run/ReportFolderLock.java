package dev.faultline.run;

import dev.faultline.report.Verdict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Keeps one run at a time in a report folder: two runs writing into one folder would mix their files
 * (one run's report.json beside the other's target logs and journal).
 *
 * <p>The lock is an OS file lock ({@code fcntl}) on {@code .faultline.lock} in the folder, held for
 * the whole run; the OS releases it when the holder dies, however it dies, so a crashed run never
 * blocks the next. The file says who holds it, so the run turned away can name that run. It is
 * deleted while still locked when the run ends; because of that, a run that locked the file checks
 * that the path still leads to the file it locked (its own token is in it) and otherwise tries again.
 */
final class ReportFolderLock implements AutoCloseable {
    static final String FILE = ".faultline.lock";
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ReportFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the folder (which must exist) for this run.
     *
     * @param holder who this run is, for the message another run gets (its scenario file)
     * @throws RunSetupException if another run holds it, naming that run, or the lock file cannot be written
     */
    static ReportFolderLock acquire(Path dir, String holder) throws RunSetupException {
        Path file = dir.resolve(FILE);
        String token = UUID.randomUUID().toString();
        String text = "faultline run of " + holder + " (pid " + ProcessHandle.current().pid() + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")\n" + token + "\n";
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException sameProcess) {
                    lock = null;
                }
                if (lock == null) {
                    String other = holderOf(file);
                    channel.close();
                    throw new RunSetupException(Verdict.ERROR, "report folder " + dir + " is in use by another "
                            + (other.isEmpty() ? "faultline run" : other) + "; two runs in one folder would mix their files:"
                            + " wait for it to end, or give this run its own folder with --report-dir");
                }
                try {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                    channel.force(false);
                } catch (IOException e) {
                    // Locked, so deleting is safe: no empty lock file is left on a full disk.
                    new ReportFolderLock(file, channel, lock).close();
                    throw e;
                }
                if (stillOurs(file, token)) {
                    return new ReportFolderLock(file, channel, lock);
                }
                // The previous holder deleted the file between our open and our lock: lock the new one.
                channel.close();
            }
        } catch (IOException e) {
            throw new RunSetupException(Verdict.ERROR, "cannot lock the report folder (" + IoErrors.describe(file, e)
                    + "); choose another with --report-dir");
        }
        throw new RunSetupException(Verdict.ERROR, "cannot lock report folder " + dir + ": its lock file " + file
                + " kept being replaced by other runs (choose another folder with --report-dir)");
    }

    private static boolean stillOurs(Path file, String token) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains(token);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** The first line of the lock file: which run holds it, or empty if it cannot be read yet. */
    private static String holderOf(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Deletes the lock file and releases the lock; the folder is free for the next run. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A lock file left behind is harmless: it is unlocked, and the next run takes it over.
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock; the OS releases it at exit at the latest.
        }
    }
}
