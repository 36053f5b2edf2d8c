package io.quern.common.storage;

import java.io.IOException;

/** A path of a scheme no store serves ({@code s3://...}), or a {@code file:} URI that names no local path. */
public final class UnsupportedStorageException extends IOException {
    public UnsupportedStorageException(String message) {
        super(message);
    }
}
