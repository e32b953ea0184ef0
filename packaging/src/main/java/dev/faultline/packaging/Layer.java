package dev.faultline.packaging;

import java.nio.file.Path;

/** One filesystem layer of an image. */
public sealed interface Layer {
    /** A tar file that already holds the layer, e.g. a root filesystem made by mmdebstrap; taken as it is. */
    record TarFile(Path tar) implements Layer {
    }

    /**
     * A folder copied to {@code imagePath} in the image, owned by root, with its files' permissions and
     * symbolic links kept.
     */
    record Directory(Path source, String imagePath) implements Layer {
        public Directory {
            if (!imagePath.startsWith("/")) {
                throw new IllegalArgumentException("image path must be absolute: " + imagePath);
            }
        }
    }
}
