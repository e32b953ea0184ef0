package dev.faultline.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code ${faultline.classpath}} reference: where the harness's own Jackson classes come from
 * (faultline's jar when it runs from it; the three Jackson jars when it runs from a build), so a
 * sample client started with {@code java -cp ${faultline.classpath} Client.java} deserializes JSON
 * with the same library, without a build of its own.
 */
final class HarnessClasspath {
    private HarnessClasspath() {
    }

    /** The entries, absolute, separated by the platform's path separator. */
    static String json() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : new Class<?>[] {ObjectMapper.class, JsonFactory.class, JsonProperty.class}) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toAbsolutePath().toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // A class loaded from somewhere that is not a file adds nothing a child JVM could use.
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
