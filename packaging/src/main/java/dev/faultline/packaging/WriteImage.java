package dev.faultline.packaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar faultline-image-writer.jar --version V --revision R --source URL --rootfs TAR --jre DIR
 * --app DIR --out FILE}: writes the faultline image archive (see packaging/build-image, which prepares the inputs).
 */
public final class WriteImage {
    private static final List<String> REQUIRED = List.of("--version", "--revision", "--source", "--rootfs", "--jre", "--app", "--out");

    private WriteImage() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        List<String> missing = REQUIRED.stream().filter(o -> !options.containsKey(o)).toList();
        if (args.length % 2 != 0 || !missing.isEmpty()) {
            System.err.println("write-image: missing " + String.join(", ", missing) + " (usage: " + String.join(" X ", REQUIRED) + " X)");
            System.exit(2);
        }
        // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the creation time, and with it the config digest.
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        Instant created = epoch == null ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                : Instant.ofEpochSecond(Long.parseLong(epoch));
        String version = options.get("--version");
        Path out = Path.of(options.get("--out"));
        OciArchive.write(out, FaultlineImage.reference(version),
                FaultlineImage.config(version, options.get("--revision"), options.get("--source"), created),
                FaultlineImage.layers(Path.of(options.get("--rootfs")), Path.of(options.get("--jre")), Path.of(options.get("--app"))));
        System.out.println(out + " (" + Files.size(out) / 1024 / 1024 + " MiB): " + FaultlineImage.reference(version));
    }
}
