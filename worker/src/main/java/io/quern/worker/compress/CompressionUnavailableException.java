package io.quern.worker.compress;

import java.io.IOException;

/** The codec a job asked for cannot run on this worker (its native library does not load). */
public final class CompressionUnavailableException extends IOException {
    public CompressionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
