package dev.faultline.analysis.fairness;

import dev.faultline.analysis.PhaseWindow;
import dev.faultline.analysis.RetryAfterValue;
import dev.faultline.analysis.WallClock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Measures {@link ThrottleCompliance}. For each client, 429s are taken in the order their responses
 * ended; a request that arrives after one has ended is bound by it (a request already on its way when
 * the 429 came back is not). While several bind a request, the longest wait counts. Retry-After
 * takes precedence over the RateLimit fields, as the draft says it must. Pure.
 */
public final class ThrottleComplianceAnalyzer {
    private static final long SECOND = 1_000_000_000L;

    private ThrottleComplianceAnalyzer() {
    }

    /** @param wallClock the run's wall-clock start, to place HTTP-date Retry-After values; empty leaves them unjudged */
    public static ThrottleCompliance measure(Map<String, List<FairnessSample>> samples, Optional<WallClock> wallClock) {
        long withWait = 0;
        long followed = 0;
        long undated = 0;
        long invalid = 0;
        List<ThrottleWait> early = new ArrayList<>();
        Map<String, Long> earlyByClient = new LinkedHashMap<>();
        ThrottleWait closest = null;
        for (Map.Entry<String, List<FairnessSample>> client : samples.entrySet()) {
            List<Told> refusals = new ArrayList<>();
            for (FairnessSample s : client.getValue()) {
                if (!s.refused()) {
                    continue;
                }
                Wait wait = waitOf(s, wallClock);
                if (wait.kind == WaitKind.UNDATED) {
                    undated++;
                } else if (wait.kind == WaitKind.INVALID) {
                    invalid++;
                } else if (wait.kind == WaitKind.TOLD) {
                    refusals.add(new Told(s.endNanos(), wait.nanos, wait.told));
                }
            }
            withWait += refusals.size();
            refusals.sort(Comparator.comparingLong(Told::endNanos));
            long clientEarly = 0;
            int next = 0;
            Told binding = null;
            boolean answered = true;
            for (FairnessSample s : client.getValue()) {
                while (next < refusals.size() && refusals.get(next).endNanos() <= s.atNanos()) {
                    Told t = refusals.get(next++);
                    if (binding == null || t.untilNanos() >= binding.untilNanos()) {
                        binding = t;
                        answered = false;
                    }
                }
                if (binding == null || s.atNanos() >= binding.untilNanos() && answered) {
                    continue;
                }
                ThrottleWait w = new ThrottleWait(client.getKey(), s.atNanos(), s.atNanos() - binding.endNanos(), binding.waitNanos(),
                        binding.told());
                if (s.atNanos() < binding.untilNanos() - ThrottleCompliance.TOLERANCE_NANOS) {
                    early.add(w);
                    clientEarly++;
                } else if (closest == null || w.waitedNanos() - w.askedNanos() < closest.waitedNanos() - closest.askedNanos()) {
                    closest = w;
                }
                if (!answered) {
                    followed++;
                    answered = true;
                }
            }
            earlyByClient.put(client.getKey(), clientEarly);
        }
        early.sort(Comparator.comparingLong(ThrottleWait::atNanos));
        return new ThrottleCompliance(withWait, followed, early, earlyByClient, Optional.ofNullable(closest), undated, invalid);
    }

    /**
     * Each client's demand while it was free to send: the requests it sent outside the waits its 429s
     * named, per second of the windows outside those waits. A client that stays away as told is not
     * asking for service meanwhile, so its plain request rate would understate what it wants; a client
     * that ignores the waits sends at the same rate inside and outside them. A wait lasts until the
     * client came back when that was within {@link #JITTER_ALLOWANCE} times what it was told (its
     * jitter is part of waiting as told); a client that stays away longer chose not to ask for the
     * rest. A client that was free for less than {@link #MIN_FREE_SECONDS} is left out (its plain rate
     * is all there is).
     *
     * @param windows the judged windows, by the index the samples carry
     */
    public static Map<String, Double> demandWhileFree(Map<String, List<FairnessSample>> samples, List<PhaseWindow> windows,
                                                      Optional<WallClock> wallClock) {
        Map<String, Double> demands = new LinkedHashMap<>();
        for (Map.Entry<String, List<FairnessSample>> client : samples.entrySet()) {
            List<FairnessSample> sent = client.getValue();
            List<long[]> waits = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                FairnessSample s = sent.get(i);
                Wait wait = s.refused() ? waitOf(s, wallClock) : null;
                if (wait == null || wait.kind != WaitKind.TOLD || wait.nanos <= 0) {
                    continue;
                }
                long until = s.endNanos() + wait.nanos;
                int next = i + 1;
                while (next < sent.size() && sent.get(next).atNanos() <= s.endNanos()) {
                    next++;
                }
                // Jitter is part of waiting as told: a client back within twice the wait waited until it came back.
                if (next < sent.size() && sent.get(next).atNanos() > until
                        && sent.get(next).atNanos() - s.endNanos() <= JITTER_ALLOWANCE * wait.nanos) {
                    until = sent.get(next).atNanos();
                }
                PhaseWindow w = windows.get(s.window());
                long start = Math.max(s.endNanos(), w.startNanos());
                long end = Math.min(until, w.endNanos());
                if (end > start) {
                    waits.add(new long[] {start, end});
                }
            }
            waits.sort(Comparator.comparingLong(w -> w[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] w : waits) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && w[0] <= last[1]) {
                    last[1] = Math.max(last[1], w[1]);
                } else {
                    merged.add(new long[] {w[0], w[1]});
                }
            }
            long waiting = merged.stream().mapToLong(w -> w[1] - w[0]).sum();
            double free = (windows.stream().mapToLong(w -> w.endNanos() - w.startNanos()).sum() - waiting) / 1e9;
            if (free < MIN_FREE_SECONDS) {
                continue;
            }
            long sentWhileFree = 0;
            int i = 0;
            for (FairnessSample s : sent) {
                while (i < merged.size() && merged.get(i)[1] <= s.atNanos()) {
                    i++;
                }
                boolean inside = i < merged.size() && merged.get(i)[0] <= s.atNanos();
                sentWhileFree += inside ? 0 : 1;
            }
            // A stretch of sending that ends in a 429 holds one request more than its length at the client's
            // rate (both ends are requests), so each wait takes one request back.
            demands.put(client.getKey(), Math.max(0, sentWhileFree - merged.size()) / free);
        }
        return demands;
    }

    /** Less time free to send than this, and a client's demand is its plain request rate. */
    public static final double MIN_FREE_SECONDS = 0.5;

    /** A client back within this many times the wait it was told waited until it came back (its jitter). */
    public static final double JITTER_ALLOWANCE = 2.0;

    private enum WaitKind { TOLD, NONE, UNDATED, INVALID }

    private record Wait(WaitKind kind, long nanos, String told) {
    }

    private record Told(long endNanos, long waitNanos, String told) {
        long untilNanos() {
            return endNanos + waitNanos;
        }
    }

    private static Wait waitOf(FairnessSample s, Optional<WallClock> wallClock) {
        if (s.retryAfter() != null) {
            RetryAfterValue value = RetryAfterValue.parse(s.retryAfter());
            String told = "Retry-After: " + s.retryAfter().trim();
            if (value instanceof RetryAfterValue.Delay delay) {
                return new Wait(WaitKind.TOLD, delay.seconds() * SECOND, told);
            }
            if (value instanceof RetryAfterValue.Date date) {
                if (wallClock.isEmpty()) {
                    return new Wait(WaitKind.UNDATED, 0, told);
                }
                long millis = date.at().toEpochMilli() - wallClock.get().epochMillisAt(s.endNanos());
                return new Wait(WaitKind.TOLD, Math.max(0, millis) * 1_000_000L, told);
            }
            return new Wait(WaitKind.INVALID, 0, told);
        }
        if (s.rateLimit() != null && RateLimitFields.rateLimit(s.rateLimit()) instanceof RateLimitFields.Valid valid) {
            OptionalLong reset = valid.exhaustedResetSeconds();
            if (reset.isPresent()) {
                return new Wait(WaitKind.TOLD, reset.getAsLong() * SECOND, "RateLimit t=" + reset.getAsLong());
            }
        }
        return new Wait(WaitKind.NONE, 0, null);
    }
}
