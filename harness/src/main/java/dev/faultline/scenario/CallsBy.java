package dev.faultline.scenario;

import java.util.Objects;

/** How upstream attempts are grouped into logical calls for retry analysis. */
public sealed interface CallsBy {
    /** The scenario-file spelling. */
    String text();

    /** A forwarded X-Request-Id, traceparent or Idempotency-Key when present, else rate comparison. */
    record Auto() implements CallsBy {
        @Override
        public String text() {
            return "auto";
        }
    }

    /** Each client (replica) makes one call at a time. */
    record Client() implements CallsBy {
        @Override
        public String text() {
            return "client";
        }
    }

    /** Attempts carrying the same value of this header are one call. */
    record Header(String name) implements CallsBy {
        public Header {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String text() {
            return "header:" + name;
        }
    }
}
