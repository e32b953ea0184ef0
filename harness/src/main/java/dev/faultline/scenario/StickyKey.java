package dev.faultline.scenario;

/** What {@code expect.balance.sticky-by} keys requests by. */
public sealed interface StickyKey permits StickyKey.Header, StickyKey.Client {
    /** For people: {@code header Idempotency-Key} or {@code client}. */
    String describe();

    /**
     * A request header the journal keeps: {@code X-Request-Id}, {@code Idempotency-Key} or
     * {@code traceparent} (keyed by its trace id), as written in the scenario.
     */
    record Header(String name) implements StickyKey {
        @Override
        public String describe() {
            return "header " + name;
        }
    }

    /** The target replica that sent the request. */
    record Client() implements StickyKey {
        @Override
        public String describe() {
            return "client (target replica)";
        }
    }
}
