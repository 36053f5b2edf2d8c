package io.quern.worker.compress;

import java.io.IOException;

/** A compressed block whose header, checksum or contents are not what a writer would have made. */
public final class CorruptBlockException extends IOException {
    public CorruptBlockException(String message) {
        super(message);
    }

    public CorruptBlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
