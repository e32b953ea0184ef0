package dev.faultline.run;

import dev.faultline.report.Verdict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one run at a time in a report folder: two runs writing into one folder would mix their files
 * (one run's report.json beside the other's target logs and journal).
 *
 * <p>The lock is an OS file lock ({@code fcntl}) on {@code .faultline.lock} in the folder, held for
 * the whole run; the OS releases it when the holder dies, however it dies, so a crashed run never
 * blocks the next. The file says who holds it, so the run turned away can name that run.
 *
 * <p>Two properties of POSIX locks shape the code. Closing <em>any</em> descriptor of the file
 * releases the process's lock on it, so the file is only ever read and written through the locking
 * channel, and runs in this same process are kept apart by a set of held folders instead. And the
 * file is deleted when the run ends (nothing left behind): a run that opened it just before could
 * then lock the deleted file, so the holder first marks it released, and a run that locks a file
 * so marked tries again with the new one.
 */
final class ReportFolderLock implements AutoCloseable {
    static final String FILE = ".faultline.lock";
    private static final String RELEASED = "released";
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

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
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        if (!HELD_HERE.add(file)) {
            throw inUse(dir, "run in this faultline process");
        }
        try {
            for (int attempt = 0; ; attempt++) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                String text = read(channel);
                if (lock == null) {
                    channel.close();
                    String other = text.lines().findFirst().orElse("").strip();
                    throw inUse(dir, other.isEmpty() || other.equals(RELEASED) ? "faultline run" : other);
                }
                if (text.equals(RELEASED + "\n") && attempt == 0) {
                    // Its holder deleted it after we opened it: lock the file now at that path. (Released
                    // again, it is one whose deletion failed: take it over.)
                    channel.close();
                    continue;
                }
                ReportFolderLock held = new ReportFolderLock(file, channel, lock);
                try {
                    held.write("faultline run of " + holder + " (pid " + ProcessHandle.current().pid() + ", since "
                            + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ")\n");
                } catch (IOException e) {
                    // Locked, so deleting is safe: no empty lock file is left on a full disk.
                    held.close();
                    throw e;
                }
                return held;
            }
        } catch (IOException e) {
            HELD_HERE.remove(file);
            throw new RunSetupException(Verdict.ERROR, "cannot lock the report folder (" + IoErrors.describe(file, e)
                    + "); choose another with --report-dir");
        } catch (RunSetupException e) {
            HELD_HERE.remove(file);
            throw e;
        }
    }

    private static RunSetupException inUse(Path dir, String other) {
        return new RunSetupException(Verdict.ERROR, "report folder " + dir + " is in use by another " + other
                + "; two runs in one folder would mix their files: wait for it to end, or give this run its own folder"
                + " with --report-dir");
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read until the end of the (small) file
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
        channel.force(false);
    }

    /** Marks the lock file released, deletes it and releases the lock: the folder is free for the next run. */
    @Override
    public void close() {
        try {
            write(RELEASED + "\n");
        } catch (IOException e) {
            // A full disk: delete it all the same, so none is left behind.
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A lock file left behind is harmless: unlocked, the next run takes it over.
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing releases the lock; the OS releases it at exit at the latest.
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
