package io.quern.common.storage;

import java.util.Objects;

/** A file of a job's input: its path in its store's form, and its size in bytes. */
public record StoredFile(String path, long size) {
    public StoredFile {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
    }
}
