package io.quern.examples.sort;

/**
 * The sort record: {@code key(10) TAB payload(88) \n}, 100 bytes. Key bytes are printable ASCII
 * without space (0x21..0x7E); payload bytes are printable ASCII (0x20..0x7E). The key sorts as bytes.
 * Generated records carry their row number (20 decimal digits) at the start of the payload, then
 * filler. Stateless.
 */
public final class SortRecord {
    private SortRecord() {}

    public static final int KEY_LENGTH = 10;
    public static final int PAYLOAD_LENGTH = 88;
    /** The line without its {@code \n}. */
    public static final int LINE_LENGTH = KEY_LENGTH + 1 + PAYLOAD_LENGTH;
    /** The whole record, {@code \n} included. */
    public static final int LENGTH = LINE_LENGTH + 1;
    private static final int ROW_DIGITS = 20;
    private static final int KEY_ALPHABET = 0x7E - 0x21 + 1;

    /** Whether {@code line} (without its line terminator) is a record. */
    public static boolean isValid(CharSequence line) {
        if (line.length() != LINE_LENGTH || line.charAt(KEY_LENGTH) != '\t') {
            return false;
        }
        for (int i = 0; i < KEY_LENGTH; i++) {
            char c = line.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        for (int i = KEY_LENGTH + 1; i < LINE_LENGTH; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The same check over bytes: {@code line[off, off+len)} without its line terminator. */
    public static boolean isValid(byte[] line, int off, int len) {
        if (len != LINE_LENGTH || line[off + KEY_LENGTH] != '\t') {
            return false;
        }
        for (int i = 0; i < KEY_LENGTH; i++) {
            int c = line[off + i] & 0xFF;
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        for (int i = KEY_LENGTH + 1; i < LINE_LENGTH; i++) {
            int c = line[off + i] & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The key of a record line, or null when the line is not a record (what the coordinator samples). */
    public static String keyOrNull(String line) {
        return isValid(line) ? line.substring(0, KEY_LENGTH) : null;
    }

    /**
     * Writes row {@code row}'s record, without its {@code \n}, into {@code out[0, LINE_LENGTH)}: the key
     * from a hash of seed and row, so that the same seed always makes the same records.
     */
    public static void generate(long seed, long row, char[] out) {
        if (row < 0) {
            throw new IllegalArgumentException("negative row " + row);
        }
        long h1 = mix(seed * 0x9E3779B97F4A7C15L + row);
        long h2 = mix(h1 ^ 0xD1B54A32D192ED03L);
        for (int i = 0; i < KEY_LENGTH / 2; i++) {
            out[i] = (char) (0x21 + Long.remainderUnsigned(h1, KEY_ALPHABET));
            h1 = Long.divideUnsigned(h1, KEY_ALPHABET);
            out[KEY_LENGTH / 2 + i] = (char) (0x21 + Long.remainderUnsigned(h2, KEY_ALPHABET));
            h2 = Long.divideUnsigned(h2, KEY_ALPHABET);
        }
        out[KEY_LENGTH] = '\t';
        long r = row;
        for (int i = KEY_LENGTH + ROW_DIGITS; i > KEY_LENGTH; i--) {
            out[i] = (char) ('0' + r % 10);
            r /= 10;
        }
        for (int i = KEY_LENGTH + 1 + ROW_DIGITS; i < LINE_LENGTH; i++) {
            out[i] = (char) ('A' + (int) ((row + i) % 26));
        }
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
