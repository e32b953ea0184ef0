package dev.faultline.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Builds the faultline image from small stand-in inputs (a two-file rootfs, a one-script "JRE", the real launcher
 * and a stand-in jar) and reads the archive back as docker and podman would: index, manifests, config, layers.
 */
class FaultlineImageArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    static Path dir;
    static Map<String, byte[]> archive;

    @BeforeAll
    static void buildTheImage() throws IOException {
        Path rootfs = dir.resolve("rootfs.tar");
        try (OutputStream out = Files.newOutputStream(rootfs); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            addFile(tar, "etc/passwd", "root:x:0:0::/root:/bin/sh\nfaultline:x:65532:65532::/home/faultline:/usr/sbin/nologin\n");
            TarArchiveEntry link = new TarArchiveEntry("faultline-reports", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("reports");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        Path jre = Files.createDirectories(dir.resolve("jre/bin"));
        Files.writeString(jre.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(jre.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("jre/release-link"), Path.of("bin/java"));
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("bin"));
        Files.createDirectories(app.resolve("lib"));
        Files.copy(Path.of("..", "faultline"), app.resolve("bin/faultline"));
        Files.writeString(app.resolve("lib/faultline-0.2.0.jar"), "not really a jar");

        Path image = dir.resolve("faultline-0.2.0-image.tar");
        OciArchive.write(image, FaultlineImage.reference("0.2.0"),
                FaultlineImage.config("0.2.0", "abc1234", "https://example.org/faultline.git", CREATED),
                FaultlineImage.layers(rootfs, dir.resolve("jre"), app));
        archive = read(Files.newInputStream(image), false);
    }

    @Test
    void theOciIndexNamesTheImageFaultlineVersionSoPodmanLoadTagsIt() throws IOException {
        assertThat(json("oci-layout").path("imageLayoutVersion").asText()).isEqualTo("1.0.0");
        JsonNode manifest = json("index.json").path("manifests").get(0);
        assertThat(manifest.path("mediaType").asText()).isEqualTo(OciArchive.MANIFEST_TYPE);
        assertThat(manifest.path("annotations").path("io.containerd.image.name").asText()).isEqualTo("faultline:0.2.0");
        assertThat(manifest.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("0.2.0");
        assertThat(blob(manifest.path("digest").asText())).hasSize(manifest.path("size").asInt());
    }

    @Test
    void theConfigRunsTheLauncherAsANonRootUserWithScenariosAndReportsAsVolumes() throws IOException {
        JsonNode config = config().path("config");
        assertThat(config.path("Entrypoint").get(0).asText()).isEqualTo("/opt/faultline/bin/faultline");
        assertThat(config.path("Entrypoint")).hasSize(1);
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/");
        assertThat(config.path("Volumes").fieldNames()).toIterable().containsExactly("/scenarios", "/reports");
        assertThat(config.path("Env")).extracting(JsonNode::asText)
                .contains("JAVA_HOME=/opt/java").anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/java/bin:"));
        assertThat(config().path("os").asText()).isEqualTo("linux");
    }

    @Test
    void theLabelsCarryTheVersionTheCommitAndTheSource() throws IOException {
        JsonNode labels = config().path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo("0.2.0");
        assertThat(labels.path("org.opencontainers.image.revision").asText()).isEqualTo("abc1234");
        assertThat(labels.path("org.opencontainers.image.source").asText()).isEqualTo("https://example.org/faultline.git");
        assertThat(labels.path("org.opencontainers.image.created").asText()).isEqualTo("2026-12-06T10:00:00Z");
    }

    @Test
    void everyLayerMatchesItsDigestAndTheConfigsDiffIdSoALoaderAcceptsIt() throws IOException {
        JsonNode manifest = ociManifest();
        JsonNode diffIds = config().path("rootfs").path("diff_ids");
        assertThat(manifest.path("layers")).hasSize(3);
        assertThat(diffIds).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode layer = manifest.path("layers").get(i);
            byte[] compressed = blob(layer.path("digest").asText());
            assertThat(compressed).hasSize(layer.path("size").asInt());
            assertThat(layer.path("mediaType").asText()).isEqualTo(OciArchive.LAYER_TYPE);
            assertThat("sha256:" + sha256(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes()))
                    .isEqualTo(diffIds.get(i).asText());
        }
    }

    @Test
    void dockerLoadFindsTheSameConfigAndLayersThroughManifestJson() throws IOException {
        JsonNode docker = json("manifest.json").get(0);
        JsonNode oci = ociManifest();
        assertThat(docker.path("RepoTags").get(0).asText()).isEqualTo("faultline:0.2.0");
        assertThat(docker.path("Config").asText()).isEqualTo(OciArchive.blobPath(oci.path("config").path("digest").asText()));
        List<String> layers = new ArrayList<>();
        oci.path("layers").forEach(l -> layers.add(OciArchive.blobPath(l.path("digest").asText())));
        assertThat(docker.path("Layers")).extracting(JsonNode::asText).containsExactlyElementsOf(layers);
    }

    @Test
    void theEntrypointIsAnExecutableLauncherAndTheJarSitsWhereTheLauncherLooks() throws IOException {
        Map<String, TarArchiveEntry> app = layerEntries(2);
        assertThat(app.get("opt/faultline/bin/faultline").getMode() & 0111).isEqualTo(0111);
        assertThat(app.get("opt/faultline/bin/faultline").getLongUserId()).isZero();
        assertThat(app).containsKey("opt/faultline/lib/faultline-0.2.0.jar");
        assertThat(app).containsKeys("opt/", "opt/faultline/");
        Map<String, TarArchiveEntry> jre = layerEntries(1);
        assertThat(jre.get("opt/java/bin/java").getMode() & 0777).isEqualTo(0755);
        assertThat(jre.get("opt/java/release-link").isSymbolicLink()).isTrue();
        assertThat(jre.get("opt/java/release-link").getLinkName()).isEqualTo("bin/java");
        assertThat(layerEntries(0).get("faultline-reports").getLinkName()).isEqualTo("reports");
    }

    @Test
    void anImageThatWouldRunAsRootIsRefused() {
        assertThatThrownBy(() -> new ImageConfig(List.of("/x"), "0:0", "/", List.of(), new java.util.TreeMap<>(), List.of(), CREATED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
    }

    private static JsonNode config() throws IOException {
        return JSON.readTree(blob(ociManifest().path("config").path("digest").asText()));
    }

    private static JsonNode ociManifest() throws IOException {
        return JSON.readTree(blob(json("index.json").path("manifests").get(0).path("digest").asText()));
    }

    private static Map<String, TarArchiveEntry> layerEntries(int index) throws IOException {
        byte[] compressed = blob(ociManifest().path("layers").get(index).path("digest").asText());
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(compressed)))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                entries.put(e.getName(), e);
            }
        }
        return entries;
    }

    /** A blob, after checking that its name is the SHA-256 of its content. */
    private static byte[] blob(String digest) {
        byte[] content = archive.get(OciArchive.blobPath(digest));
        assertThat(content).as("blob %s", digest).isNotNull();
        assertThat("sha256:" + sha256(content)).isEqualTo(digest);
        return content;
    }

    private static JsonNode json(String name) throws IOException {
        assertThat(archive).containsKey(name);
        return JSON.readTree(archive.get(name));
    }

    private static Map<String, byte[]> read(InputStream in, boolean gzip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GZIPInputStream(in) : in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    private static void addFile(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
