package dev.faultline.packaging;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * What the faultline image is: a Debian root filesystem (with /bin/sh, setsid and kill, which the harness needs
 * to manage targets, and a non-root user), a Java runtime at /opt/java, and the launcher and jar at
 * /opt/faultline. Scenarios are mounted at /scenarios; reports go to /reports.
 */
public final class FaultlineImage {
    static final String ENTRYPOINT = "/opt/faultline/bin/faultline";
    /** The user the rootfs script creates (packaging/rootfs-hook); 65532 is the "nonroot" id of distroless images. */
    static final String USER = "65532:65532";
    static final String JAVA_HOME = "/opt/java";
    static final String APP = "/opt/faultline";

    private FaultlineImage() {
    }

    public static String reference(String version) {
        return "faultline:" + version;
    }

    /**
     * The working directory is / and the rootfs links /faultline-reports to /reports, so the default report
     * folder (faultline-reports/NAME, relative to the working directory) lands in the mounted /reports.
     */
    public static ImageConfig config(String version, String revision, String source, Instant created) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", "faultline");
        labels.put("org.opencontainers.image.description",
                "Fault-injection harness: fake upstreams, a target, phases of faults, judged expectations.");
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.revision", revision);
        labels.put("org.opencontainers.image.source", source);
        labels.put("org.opencontainers.image.created", created.toString());
        return new ImageConfig(
                List.of(ENTRYPOINT),
                USER,
                "/",
                List.of("PATH=" + JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                        "JAVA_HOME=" + JAVA_HOME,
                        "HOME=/home/faultline",
                        "NO_COLOR=1"),
                labels,
                List.of("/scenarios", "/reports"),
                created);
    }

    /**
     * @param rootfs the root filesystem tar (packaging/build-image makes it with mmdebstrap)
     * @param jre    a Java runtime folder (bin/java ...), e.g. made by jlink
     * @param app    a folder with bin/faultline (the launcher) and lib/faultline-VERSION.jar
     */
    public static List<Layer> layers(Path rootfs, Path jre, Path app) {
        return List.of(new Layer.TarFile(rootfs), new Layer.Directory(jre, JAVA_HOME), new Layer.Directory(app, APP));
    }
}
