package dev.faultline.scenario.parse;

import dev.faultline.scenario.Signal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads signal names: {@code TERM} or {@code SIGTERM}, in any case. */
final class Signals {
    private static final String KNOWN = Arrays.stream(Signal.values()).map(Signal::name).collect(Collectors.joining(", "));

    private Signals() {
    }

    static Optional<Signal> bind(Node node, KeyPath path, BindContext context) {
        return context.values().string(node, path).flatMap(text -> {
            String name = text.toUpperCase(Locale.ROOT);
            if (name.startsWith("SIG")) {
                name = name.substring(3);
            }
            for (Signal signal : Signal.values()) {
                if (signal.name().equals(name)) {
                    return Optional.of(signal);
                }
            }
            context.problems().add(node.location(), path, Messages.quote(text) + " is not a signal (expected one of: "
                    + KNOWN + ")");
            return Optional.empty();
        });
    }
}
