package dev.faultline.analysis;

import java.util.Arrays;

/**
 * Numbers distinct strings 0, 1, 2, ... in the order they are first seen, in an open-addressing
 * table of {@code int}s: no entry object, list or boxed number per key.
 *
 * <p>Grouping a million attempts by request id through a {@code LinkedHashMap} of lists was the
 * largest single cost of judging a large journal (an entry, a list and its growing array per call);
 * with a number per attempt, the attempts of a call are gathered afterwards by counting. Ids held as
 * packed longs are numbered by {@link PackedKeyNumbering}, which numbers the rest with this.
 */
final class KeyNumbering {
    private String[] keys;
    // Slot i holds the number of its key plus one; 0 is an empty slot.
    private int[] slots;
    private int size;

    /** @param expected about how many keys will be numbered (the table grows past it) */
    KeyNumbering(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new int[capacity];
        keys = new String[Math.max(16, expected)];
    }

    /** The number of {@code key}: the one it was given when first seen, or the next one. */
    int numberOf(String key) {
        int mask = slots.length - 1;
        int i = spread(key.hashCode()) & mask;
        while (true) {
            int slot = slots[i];
            if (slot == 0) {
                break;
            }
            if (keys[slot - 1].equals(key)) {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size] = key;
        slots[i] = ++size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    /** How many distinct keys were numbered. */
    int size() {
        return size;
    }

    /** The key numbered {@code number}. */
    String key(int number) {
        return keys[number];
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int number = 0; number < size; number++) {
            int i = spread(keys[number].hashCode()) & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = number + 1;
        }
        slots = bigger;
    }

    // Linear probing wants the high bits of String hashes mixed into the low ones.
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
