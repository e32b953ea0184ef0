package dev.faultline.scenario.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the files a scenario names (the scenario itself, its {@code body-file}s) into memory, after
 * checking that each is a regular file no larger than a limit: reading {@code /dev/zero}, a FIFO or a
 * sparse 3 GiB file would otherwise hang or exhaust the heap before any message could be printed.
 */
final class RegularFiles {
    /** Why a file was not read. */
    sealed interface Refusal permits Missing, NotRegular, TooLarge, Unreadable {
    }

    /** The path names nothing. */
    record Missing() implements Refusal {
    }

    /** @param kind what it is instead, such as {@code a FIFO} or {@code a character device} */
    record NotRegular(String kind) implements Refusal {
    }

    /** @param limit the most bytes it may hold */
    record TooLarge(long limit) implements Refusal {
    }

    record Unreadable(IOException cause) implements Refusal {
    }

    private static final int S_IFMT = 0170000;

    private RegularFiles() {
    }

    /**
     * The bytes of {@code file}, or empty after telling {@code refused} why not. At most
     * {@code limit + 1} bytes are read, even from a file that grows while it is read.
     */
    static Optional<byte[]> read(Path file, int limit, Consumer<Refusal> refused) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            refused.accept(new Missing());
            return Optional.empty();
        } catch (IOException e) {
            refused.accept(new Unreadable(e));
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            refused.accept(new NotRegular(attributes.isDirectory() ? "a folder" : kind(file)));
            return Optional.empty();
        }
        if (attributes.size() > limit) {
            refused.accept(new TooLarge(limit));
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                refused.accept(new TooLarge(limit));
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (IOException e) {
            refused.accept(new Unreadable(e));
            return Optional.empty();
        }
    }

    /** What a path that is neither a regular file nor a folder is: {@code a FIFO}, {@code a character device}. */
    static String kind(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & S_IFMT) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a device, FIFO or socket";
        }
    }
}
