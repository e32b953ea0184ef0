package dev.faultline.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an image as one tar that both {@code podman load} and {@code docker load} read: an OCI image layout
 * ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...}) plus the {@code manifest.json} of
 * {@code docker save}, pointing at the same blobs. No daemon and no registry are involved.
 */
public final class OciArchive {
    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private OciArchive() {
    }

    /**
     * @param reference {@code name:tag}, e.g. {@code faultline:0.2.0}; what {@code docker images} then lists
     */
    public static void write(Path out, String reference, ImageConfig config, List<Layer> layers) throws IOException {
        int colon = reference.lastIndexOf(':');
        if (colon <= 0 || colon == reference.length() - 1 || reference.indexOf('/', colon) >= 0) {
            throw new IllegalArgumentException("image reference must be NAME:TAG, but is " + reference);
        }
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".image-");
        try {
            List<LayerBlob> blobs = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                blobs.add(LayerBlob.write(layers.get(i), work.resolve("layer-" + i + ".tar.gz")));
            }
            byte[] configJson = JSON.writeValueAsBytes(config.toJson(blobs.stream().map(LayerBlob::diffId).toList()));
            String configDigest = digest(configJson);

            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MANIFEST_TYPE);
            manifest.put("config", descriptor(CONFIG_TYPE, configDigest, configJson.length));
            manifest.put("layers", blobs.stream().map(b -> descriptor(LAYER_TYPE, b.digest(), b.size())).toList());
            byte[] manifestJson = JSON.writeValueAsBytes(manifest);
            String manifestDigest = digest(manifestJson);

            Map<String, Object> manifestDescriptor = descriptor(MANIFEST_TYPE, manifestDigest, manifestJson.length);
            manifestDescriptor.put("annotations", Map.of(
                    "io.containerd.image.name", reference,
                    "org.opencontainers.image.ref.name", reference.substring(colon + 1)));
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("schemaVersion", 2);
            index.put("mediaType", "application/vnd.oci.image.index.v1+json");
            index.put("manifests", List.of(manifestDescriptor));

            Map<String, Object> dockerManifest = new LinkedHashMap<>();
            dockerManifest.put("Config", blobPath(configDigest));
            dockerManifest.put("RepoTags", List.of(reference));
            dockerManifest.put("Layers", blobs.stream().map(b -> blobPath(b.digest())).toList());

            Path partial = work.resolve("image.tar");
            try (OutputStream file = Files.newOutputStream(partial);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                directory(tar, "blobs/");
                directory(tar, "blobs/sha256/");
                for (LayerBlob blob : blobs) {
                    try (InputStream in = Files.newInputStream(blob.file())) {
                        entry(tar, blobPath(blob.digest()), blob.size(), in);
                    }
                }
                bytes(tar, blobPath(configDigest), configJson);
                bytes(tar, blobPath(manifestDigest), manifestJson);
                bytes(tar, "oci-layout", JSON.writeValueAsBytes(Map.of("imageLayoutVersion", "1.0.0")));
                bytes(tar, "index.json", JSON.writeValueAsBytes(index));
                bytes(tar, "manifest.json", JSON.writeValueAsBytes(List.of(dockerManifest)));
                tar.finish();
            }
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static String blobPath(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    private static String digest(byte[] content) {
        var sha = LayerBlob.sha256();
        sha.update(content);
        return "sha256:" + LayerBlob.hex(sha);
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0040755);
        e.setModTime(0L);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        entry(tar, name, content.length, new java.io.ByteArrayInputStream(content));
    }

    private static void entry(TarArchiveOutputStream tar, String name, long size, InputStream content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100644);
        e.setSize(size);
        e.setModTime(0L);
        tar.putArchiveEntry(e);
        content.transferTo(tar);
        tar.closeArchiveEntry();
    }
}
