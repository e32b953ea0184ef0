package dev.faultline.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Puts a journal-sized list in time order, stably.
 *
 * <p>A comparator sort of a million events chases two pointers per comparison, twenty comparisons per
 * event; it was a third of the time spent judging a million-event journal. Here each element's time,
 * less the earliest, is packed with its index into one {@code long} and the array of those is sorted
 * as numbers: the index in the low bits keeps equal times in their original order. When the times
 * span too much for the index to fit beside them (more than about 2.4 hours of nanoseconds for a
 * million elements, or sentinel values), it falls back to the comparator sort.
 */
public final class TimeOrder {
    private TimeOrder() {
    }

    /** Sorts {@code list} in place by {@code time}, keeping elements with equal times in their order. */
    @SuppressWarnings("unchecked")
    public static <T> void sort(List<T> list, ToLongFunction<? super T> time) {
        int n = list.size();
        if (n < 2) {
            return;
        }
        if (inOrder(list, time)) {
            // A journal is written in time order, so its attempts usually are already: a stable sort
            // would leave them as they are, and the check allocates nothing.
            return;
        }
        long[] keys = new long[n];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = time.applyAsLong(list.get(i));
            keys[i] = t;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(n - 1);
        long span = max - min;
        if (span < 0 || 64 - Long.numberOfLeadingZeros(span) + indexBits > 63) {
            list.sort(Comparator.comparingLong(time));
            return;
        }
        for (int i = 0; i < n; i++) {
            keys[i] = (keys[i] - min) << indexBits | i;
        }
        Arrays.sort(keys);
        Object[] before = list.toArray();
        long mask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            list.set(i, (T) before[(int) (keys[i] & mask)]);
        }
    }

    private static <T> boolean inOrder(List<T> list, ToLongFunction<? super T> time) {
        long previous = Long.MIN_VALUE;
        for (int i = 0, n = list.size(); i < n; i++) {
            long t = time.applyAsLong(list.get(i));
            if (t < previous) {
                return false;
            }
            previous = t;
        }
        return true;
    }

    /**
     * The indexes of {@code times} in time order, equal times in index order: the order
     * {@link #sort} would put elements with these times in, for analyzers that keep their values in
     * arrays (columns) rather than lists of objects.
     */
    public static int[] order(long[] times) {
        int n = times.length;
        int[] order = new int[n];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean inOrder = true;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
            inOrder &= i == 0 || times[i - 1] <= times[i];
        }
        if (inOrder) {
            return order;
        }
        int indexBits = 64 - Long.numberOfLeadingZeros(n - 1);
        long span = max - min;
        if (span < 0 || 64 - Long.numberOfLeadingZeros(span) + indexBits > 63) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.comparingLong(i -> times[i]));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (times[i] - min) << indexBits | i;
        }
        Arrays.sort(keys);
        long mask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (keys[i] & mask);
        }
        return order;
    }
}
