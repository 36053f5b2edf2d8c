package io.quern.common.job;

/** A map output key and an estimate of how many records carry it (from a sample). */
public record KeyCount(String key, long count) {
    public KeyCount {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
    }
}
