package dev.faultline.upstream.internal;

import dev.faultline.upstream.UpstreamStats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link UpstreamStats}: never capped, unlike the journal. Recording is
 * lock-free and, once a status or effect has been seen, allocation-free. Threadsafe.
 */
public final class UpstreamCounters {
    private static final int STATUS_SLOTS = 600;

    private final LongAdder requests = new LongAdder();
    private final AtomicReferenceArray<LongAdder> byStatus = new AtomicReferenceArray<>(STATUS_SLOTS);
    private final ConcurrentHashMap<String, LongAdder> byEffect = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> ruleFires = new LinkedHashMap<>();

    /** Counts one ended exchange. */
    public void record(int status, String effect) {
        requests.increment();
        statusCounter(status).increment();
        LongAdder effectCounter = byEffect.get(effect);
        if (effectCounter == null) {
            effectCounter = byEffect.computeIfAbsent(effect, e -> new LongAdder());
        }
        effectCounter.increment();
    }

    private LongAdder statusCounter(int status) {
        int slot = status >= 0 && status < STATUS_SLOTS ? status : 0;
        LongAdder counter = byStatus.get(slot);
        if (counter == null) {
            byStatus.compareAndSet(slot, null, new LongAdder());
            counter = byStatus.get(slot);
        }
        return counter;
    }

    /** The fire counter of a rule id, created at 0 on first installation and kept for the run. */
    public synchronized LongAdder ruleFires(String ruleId) {
        return ruleFires.computeIfAbsent(ruleId, id -> new LongAdder());
    }

    /** A consistent-enough copy: each counter is read once, while requests may still arrive. */
    public UpstreamStats snapshot() {
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int status = 0; status < STATUS_SLOTS; status++) {
            LongAdder counter = byStatus.get(status);
            if (counter != null) {
                statuses.put(status, counter.sum());
            }
        }
        Map<String, Long> effects = new TreeMap<>();
        byEffect.forEach((effect, counter) -> effects.put(effect, counter.sum()));
        Map<String, Long> fires = new LinkedHashMap<>();
        synchronized (this) {
            ruleFires.forEach((id, counter) -> fires.put(id, counter.sum()));
        }
        return new UpstreamStats(requests.sum(), Collections.unmodifiableMap(statuses),
                Collections.unmodifiableMap(effects), Collections.unmodifiableMap(fires));
    }
}
