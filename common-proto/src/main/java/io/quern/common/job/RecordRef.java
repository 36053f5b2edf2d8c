package io.quern.common.job;

/**
 * A record whose map or reduce call threw. Map records are named by their file and byte offset
 * (and ordinal in the split); reduce records by the ordinal of their key group in the merged
 * input, with the key's text for reports. All parts are deterministic across attempts.
 *
 * @param file map: the input file; null for reduce
 * @param key reduce: the key's {@code toString()}, shortened; null for map
 */
public record RecordRef(String file, long offset, long ordinal, String key) {
    private static final int MAX_KEY_CHARS = 80;

    public RecordRef {
        if (offset < 0 || ordinal < 0) {
            throw new IllegalArgumentException("bad record position " + offset + "/" + ordinal);
        }
        if (key != null && key.length() > MAX_KEY_CHARS) {
            key = key.substring(0, MAX_KEY_CHARS) + "...";
        }
    }

    public static RecordRef map(String file, long offset, long ordinal) {
        return new RecordRef(file, offset, ordinal, null);
    }

    public static RecordRef reduceGroup(long ordinal, String key) {
        return new RecordRef(null, 0, ordinal, key);
    }

    /** {@code /data/in.txt:1234} or {@code key 'foo' (group 17)}. */
    public String describe() {
        return file != null ? file + ":" + offset : "key '" + key + "' (group " + ordinal + ")";
    }
}
