package io.quern.common.job;

/** A map output key and an estimate of how many records carry it (from a sample). */
public record KeyCount(String key, long count) {
    /** Keys in reports are cut to this many chars, so that a huge key cannot bloat a status. */
    public static final int MAX_KEY_CHARS = 100;

    public KeyCount {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
    }

    /** A key for a report: cut to {@value #MAX_KEY_CHARS} chars, never in the middle of a surrogate pair. */
    public static KeyCount reported(String key, long count) {
        if (key.length() <= MAX_KEY_CHARS) {
            return new KeyCount(key, count);
        }
        int cut = Character.isHighSurrogate(key.charAt(MAX_KEY_CHARS - 1)) ? MAX_KEY_CHARS - 1 : MAX_KEY_CHARS;
        return new KeyCount(key.substring(0, cut), count);
    }
}
