package dev.faultline.journal;

import java.util.Arrays;

/**
 * Packs the chain ids requests carry into longs, and back. Only the canonical lowercase forms are
 * packed (a UUID as {@code 8-4-4-4-12} hex digits, a W3C traceparent as
 * {@code vv-32hex-16hex-ff}), since those, and only those, come back as the very same string;
 * anything else stays a string. Stateless.
 *
 * <p>Checking and reading use table lookups, with no branch per character: ids are random, so a
 * branch on each digit mispredicts about half the time, which made checking a traceparent cost ten
 * times reading it. Nothing is allocated until an id is turned back into a string.
 *
 * <p>Writing ids out is public: the load driver makes its fresh ids from random longs with it. Reading
 * UUIDs and trace ids is public too: the analysis groups attempts by the numbers, not the strings.
 */
public final class PackedIds {
    static final int UUID_LENGTH = 36;
    static final int TRACEPARENT_LENGTH = 55;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** The value of each lowercase hex digit; -1 for every other character below 128. */
    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < HEX.length; i++) {
            DIGITS[HEX[i]] = (byte) i;
        }
    }

    private PackedIds() {
    }

    /** True when {@code id} is a lowercase canonical UUID. */
    public static boolean isUuid(String id) {
        return id != null && id.length() == UUID_LENGTH
                && id.charAt(8) == '-' && id.charAt(13) == '-' && id.charAt(18) == '-' && id.charAt(23) == '-'
                && (badDigits(id, 0, 8) | badDigits(id, 9, 13) | badDigits(id, 14, 18) | badDigits(id, 19, 23)
                | badDigits(id, 24, 36)) == 0;
    }

    /** The first 64 bits of a canonical UUID. */
    public static long uuidHigh(String id) {
        return hex(id, 0, 8) << 32 | hex(id, 9, 13) << 16 | hex(id, 14, 18);
    }

    /** The last 64 bits of a canonical UUID. */
    public static long uuidLow(String id) {
        return hex(id, 19, 23) << 48 | hex(id, 24, 36);
    }

    /** The canonical lowercase UUID of these 128 bits. */
    public static String uuid(long high, long low) {
        char[] out = new char[UUID_LENGTH];
        put(out, 0, high >>> 32, 8);
        out[8] = '-';
        put(out, 9, high >>> 16, 4);
        out[13] = '-';
        put(out, 14, high, 4);
        out[18] = '-';
        put(out, 19, low >>> 48, 4);
        out[23] = '-';
        put(out, 24, low, 12);
        return new String(out);
    }

    /** True when {@code header} is a traceparent in the canonical lowercase form. */
    static boolean isTraceparent(String header) {
        return header != null && header.length() == TRACEPARENT_LENGTH
                && header.charAt(2) == '-' && header.charAt(35) == '-' && header.charAt(52) == '-'
                && (badDigits(header, 0, 2) | badDigits(header, 3, 35) | badDigits(header, 36, 52)
                | badDigits(header, 53, 55)) == 0;
    }

    /** True when {@code traceId} is a trace id (a traceparent's second field) of 32 lowercase hex digits. */
    public static boolean isTraceId(String traceId) {
        return traceId != null && traceId.length() == 32 && badDigits(traceId, 0, 32) == 0;
    }

    /** The first 16 digits of a trace id checked by {@link #isTraceId}, as a number (as {@link #traceIdHigh} reads them). */
    public static long traceIdHighOf(String traceId) {
        return hex(traceId, 0, 16);
    }

    /** The last 16 digits of a trace id checked by {@link #isTraceId}, as a number. */
    public static long traceIdLowOf(String traceId) {
        return hex(traceId, 16, 32);
    }

    /** Version and flags of a canonical traceparent, as {@code version << 8 | flags}. */
    static int traceVersionAndFlags(String header) {
        return (int) (hex(header, 0, 2) << 8 | hex(header, 53, 55));
    }

    static long traceIdHigh(String header) {
        return hex(header, 3, 19);
    }

    static long traceIdLow(String header) {
        return hex(header, 19, 35);
    }

    static long parentId(String header) {
        return hex(header, 36, 52);
    }

    /**
     * The canonical traceparent {@code vv-<trace id>-<parent id>-ff}.
     *
     * @param versionAndFlags the version in bits 8-15, the flags in bits 0-7
     */
    public static String traceparent(int versionAndFlags, long traceHigh, long traceLow, long parent) {
        char[] out = new char[TRACEPARENT_LENGTH];
        put(out, 0, versionAndFlags >>> 8, 2);
        out[2] = '-';
        put(out, 3, traceHigh, 16);
        put(out, 19, traceLow, 16);
        out[35] = '-';
        put(out, 36, parent, 16);
        out[52] = '-';
        put(out, 53, versionAndFlags, 2);
        return new String(out);
    }

    /** Zero when every character in {@code [from, to)} is a lowercase hex digit. */
    private static int badDigits(String s, int from, int to) {
        int bad = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            bad |= c < DIGITS.length ? DIGITS[c] >>> 4 : 1;
        }
        return bad;
    }

    /** Reads hex digits already checked by {@link #badDigits}. */
    private static long hex(String s, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value << 4 | DIGITS[s.charAt(i)];
        }
        return value;
    }

    /** Writes the low {@code digits * 4} bits of {@code value} as hex, most significant first. */
    private static void put(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
