package dev.faultline.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * An I/O failure as {@code PATH: what the OS said}, the way the shell's own tools word it.
 *
 * <p>Java drops the OS's words from some exceptions (a {@code FileAlreadyExistsException} has only
 * the path) and leaves the path out of others (a full disk is a bare "No space left on device"), so a
 * message built from {@code getMessage()} alone read like "faultline-reports/x: faultline-reports/x".
 */
final class IoErrors {
    private static final Pattern TEMPORARY = Pattern.compile("(^|/)\\.([^/]+)\\.[0-9a-fA-F-]{36}\\.tmp$");

    private IoErrors() {
    }

    /** @param path the file being written or created, used when the exception names none */
    static String describe(Path path, IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() != null ? beingWritten(fs.getFile()) : path.toString();
            String reason = fs.getReason() != null ? fs.getReason() : reason(fs);
            return file + ": " + reason;
        }
        return path + ": " + e.getMessage();
    }

    /**
     * The file a temporary file becomes: files are written as {@code .NAME.RANDOM.tmp} beside
     * {@code NAME} and renamed, and the user knows only {@code NAME}.
     */
    private static String beingWritten(String file) {
        return TEMPORARY.matcher(file).replaceFirst("$1$2");
    }

    private static String reason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        } else if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        } else if (e instanceof AccessDeniedException) {
            return "Permission denied";
        } else if (e instanceof NotDirectoryException) {
            return "Not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        return e.getClass().getSimpleName();
    }
}
