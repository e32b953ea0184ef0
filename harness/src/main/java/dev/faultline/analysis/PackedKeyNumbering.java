package dev.faultline.analysis;

import java.util.Arrays;

/**
 * Numbers call ids 0, 1, 2, ... in the order they are first seen, whether an id is held as the two
 * longs of a canonical UUID or trace id (as the journal keeps them) or as a string (any other form).
 *
 * <p>The two forms never name the same id (a canonical id is always packed, so a string is never
 * canonical), so each has its own table, and a shared counter keeps one order of first sight. Packed
 * ids are compared as numbers: grouping a million attempts by comparing 36-character strings scattered
 * over the heap was a sixth of judging a large journal.
 */
final class PackedKeyNumbering {
    private long[] highs;
    private long[] lows;
    // The shared number of the k-th packed id.
    private int[] packedNumbers;
    // Slot i holds k + 1 for the k-th packed id; 0 is an empty slot.
    private int[] slots;
    private int packed;
    private int size;
    private KeyNumbering strings;
    private int[] stringNumbers = new int[16];

    /** @param expected about how many ids will be numbered (the tables grow past it) */
    PackedKeyNumbering(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new int[capacity];
        highs = new long[Math.max(16, expected)];
        lows = new long[Math.max(16, expected)];
        packedNumbers = new int[Math.max(16, expected)];
    }

    /** The number of the packed id {@code (high, low)}. */
    int numberOf(long high, long low) {
        int mask = slots.length - 1;
        int i = spread(high, low) & mask;
        while (true) {
            int slot = slots[i];
            if (slot == 0) {
                break;
            }
            if (highs[slot - 1] == high && lows[slot - 1] == low) {
                return packedNumbers[slot - 1];
            }
            i = (i + 1) & mask;
        }
        if (packed == highs.length) {
            highs = Arrays.copyOf(highs, packed * 2);
            lows = Arrays.copyOf(lows, packed * 2);
            packedNumbers = Arrays.copyOf(packedNumbers, packed * 2);
        }
        highs[packed] = high;
        lows[packed] = low;
        packedNumbers[packed] = size;
        slots[i] = ++packed;
        if (packed * 2 > slots.length) {
            rehash();
        }
        return size++;
    }

    /** The number of an id held as a string. */
    int numberOf(String id) {
        if (strings == null) {
            strings = new KeyNumbering(16);
        }
        int before = strings.size();
        int local = strings.numberOf(id);
        if (local < before) {
            return stringNumbers[local];
        }
        if (local == stringNumbers.length) {
            stringNumbers = Arrays.copyOf(stringNumbers, local * 2);
        }
        stringNumbers[local] = size;
        return size++;
    }

    /** How many distinct ids were numbered. */
    int size() {
        return size;
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int k = 0; k < packed; k++) {
            int i = spread(highs[k], lows[k]) & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = k + 1;
        }
        slots = bigger;
    }

    // Random ids are already well mixed; the multiply spreads ids that differ only in a few bits.
    private static int spread(long high, long low) {
        long h = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }
}
