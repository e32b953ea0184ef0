package dev.faultline.packaging;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A layer written as a gzip'd tar blob, with the two digests an image needs: {@code digest} of the
 * compressed blob (its name in the archive) and {@code diffId} of the uncompressed tar (in the config).
 */
record LayerBlob(Path file, String digest, String diffId, long size) {
    /** Entry times are fixed so that the same inputs give the same layer digests. */
    private static final long MTIME_MILLIS = 0L;

    static LayerBlob write(Layer layer, Path file) throws IOException {
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), compressed);
             GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
             OutputStream tar = new DigestOutputStream(gzip, uncompressed)) {
            if (layer instanceof Layer.TarFile t) {
                Files.copy(t.tar(), tar);
            } else if (layer instanceof Layer.Directory d) {
                writeDirectory(d, tar);
            }
        }
        return new LayerBlob(file, "sha256:" + hex(compressed), "sha256:" + hex(uncompressed), Files.size(file));
    }

    private static void writeDirectory(Layer.Directory layer, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        String root = layer.imagePath().replaceAll("^/+|/+$", "");
        // The parents of the image path, so the layer stands on its own (e.g. opt/ for opt/java/).
        String[] parts = root.split("/");
        StringBuilder parent = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            parent.append(parts[i]).append('/');
            TarArchiveEntry dir = new TarArchiveEntry(parent.toString());
            dir.setMode(0040755);
            addEmpty(tar, dir);
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(layer.source())) {
            paths = walk.sorted().toList();
        }
        for (Path path : paths) {
            String relative = layer.source().relativize(path).toString();
            String name = relative.isEmpty() ? root : root + "/" + relative;
            if (Files.isSymbolicLink(path)) {
                TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName(Files.readSymbolicLink(path).toString());
                addEmpty(tar, link);
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                TarArchiveEntry dir = new TarArchiveEntry(name + "/");
                dir.setMode(0040000 | mode(path));
                addEmpty(tar, dir);
            } else {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setMode(0100000 | mode(path));
                entry.setSize(Files.size(path));
                owned(entry);
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(path)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
        tar.finish();
    }

    private static void addEmpty(TarArchiveOutputStream tar, TarArchiveEntry entry) throws IOException {
        owned(entry);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void owned(TarArchiveEntry entry) {
        entry.setIds(0, 0);
        entry.setNames("root", "root");
        entry.setModTime(MTIME_MILLIS);
    }

    private static int mode(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 = 0400 ... OTHERS_EXECUTE is 8 = 0001
        }
        return mode;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
