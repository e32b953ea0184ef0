package dev.faultline.scenario;

import java.time.Duration;
import java.util.Optional;

/** Health endpoints the harness polls all through the run. */
public record ProbesSpec(Optional<Probe> liveness, Optional<Probe> readiness, Optional<Probe> startup) {

    /** One probe: {@code GET path} on the target every {@code every}, giving up after {@code timeout}. */
    public record Probe(String path, Duration every, Duration timeout) {
    }
}
