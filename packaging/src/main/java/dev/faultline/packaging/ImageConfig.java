package dev.faultline.packaging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The runtime part of an OCI image config: what a container of the image runs, as whom, where.
 *
 * @param entrypoint the command every container runs; arguments of {@code docker run IMAGE ...} follow it
 * @param user       {@code uid:gid}; never 0, so a scenario's target does not run as root
 * @param workingDir the working directory of the entrypoint
 * @param env        {@code NAME=value} entries
 * @param labels     image labels, e.g. {@code org.opencontainers.image.version}
 * @param volumes    paths meant to be mounted
 * @param created    when the image was built
 */
public record ImageConfig(List<String> entrypoint, String user, String workingDir, List<String> env,
                          SortedMap<String, String> labels, List<String> volumes, Instant created) {
    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        env = List.copyOf(env);
        labels = new TreeMap<>(labels);
        volumes = List.copyOf(volumes);
        if (user.equals("0") || user.startsWith("0:") || user.equals("root") || user.startsWith("root:")) {
            throw new IllegalArgumentException("the image must not run as root, but its user is " + user);
        }
    }

    /** The config JSON object (application/vnd.oci.image.config.v1+json) for layers with these diff ids. */
    Map<String, Object> toJson(List<String> diffIds) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("User", user);
        config.put("Env", env);
        config.put("Entrypoint", entrypoint);
        config.put("WorkingDir", workingDir);
        Map<String, Object> volumeSet = new LinkedHashMap<>();
        volumes.forEach(v -> volumeSet.put(v, Map.of()));
        config.put("Volumes", volumeSet);
        config.put("Labels", labels);
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("created", created.toString());
        image.put("architecture", "amd64");
        image.put("os", "linux");
        image.put("config", config);
        image.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return image;
    }
}
