package dev.faultline.scenario;

import java.time.Duration;

/** When a target replica counts as started. Each check but {@link Immediately} has a timeout. */
public sealed interface ReadySpec {
    /** The name of the check, as in the journal's {@code target-ready} event. */
    String check();

    /** How long the check may take before the run gives up (exit 3). */
    Duration timeout();

    /** Ready as soon as the process has started. */
    record Immediately() implements ReadySpec {
        @Override
        public String check() {
            return "none";
        }

        @Override
        public Duration timeout() {
            return Duration.ZERO;
        }
    }

    /** Ready after a fixed wait. */
    record After(Duration after) implements ReadySpec {
        @Override
        public String check() {
            return "after";
        }

        @Override
        public Duration timeout() {
            return after;
        }
    }

    /** Ready when the target's port accepts a TCP connection. */
    record Port(Duration timeout) implements ReadySpec {
        @Override
        public String check() {
            return "port";
        }
    }

    /** Ready when the target's output (stdout or stderr) contains this text. */
    record Log(String text, Duration timeout) implements ReadySpec {
        @Override
        public String check() {
            return "log";
        }
    }

    /** Ready when {@code GET path} on the target's url answers 2xx. */
    record Http(String path, Duration timeout) implements ReadySpec {
        @Override
        public String check() {
            return "http";
        }
    }
}
