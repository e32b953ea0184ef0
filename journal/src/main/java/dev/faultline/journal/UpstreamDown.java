package dev.faultline.journal;

import java.util.List;
import java.util.Objects;

/**
 * A window in which a fake upstream was down ({@code down: true}): it did not listen, so every
 * connection attempt to its ports was refused by the kernel and never reached it as a request.
 * Written once the window is over (the upstream listens again, or closes), so it carries both ends;
 * analyzers count the refused attempts of a window from the clients' side.
 *
 * @param atNanos        when it stopped listening (run time)
 * @param endNanos       when it listened again on the same ports; {@code -1} if it was still down
 *                       when it closed
 * @param upstream       the upstream's name in the scenario
 * @param rule           id of the {@code down} rule ({@code phase/upstream[index]})
 * @param ports          the ports that refused connections, in client order
 * @param connectionsCut connections open when it went down, which it closed (a server going down
 *                       drops them); exchanges waiting on them are journalled as faulted
 */
public record UpstreamDown(long atNanos, long endNanos, String upstream, String rule, List<Integer> ports,
                           int connectionsCut) implements Event {
    public UpstreamDown {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(rule, "rule");
        ports = List.copyOf(ports);
    }

    @Override
    public String type() {
        return "upstream-down";
    }

    /** True when it came back within the run. */
    public boolean recovered() {
        return endNanos >= 0;
    }

    /** True when a connection attempt at run time {@code nanos} would have been refused. */
    public boolean covers(long nanos) {
        return nanos >= atNanos && (endNanos < 0 || nanos < endNanos);
    }
}
