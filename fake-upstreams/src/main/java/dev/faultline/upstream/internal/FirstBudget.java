package dev.faultline.upstream.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@code first: N} budget of a rule in one phase: the first N matching requests (of all clients,
 * or of each client) may get the fault. Lock-free; threadsafe.
 */
final class FirstBudget {
    private final int limit;
    private final boolean perClient;
    private final AtomicLongArray taken;

    FirstBudget(int limit, boolean perClient, int clients) {
        this.limit = limit;
        this.perClient = perClient;
        this.taken = new AtomicLongArray(perClient ? clients : 1);
    }

    /** Counts one matching request; true while it is among the first N. */
    boolean tryTake(int client) {
        int slot = perClient ? client : 0;
        // The read first keeps the counter from climbing forever once the budget is spent.
        if (taken.get(slot) >= limit) {
            return false;
        }
        return taken.incrementAndGet(slot) <= limit;
    }
}
