package io.quern.worker.sort;

import java.io.IOException;

/** A fetched or stored segment whose length or CRC32 does not match what its index promised. */
public final class CorruptSegmentException extends IOException {
    public CorruptSegmentException(String message) {
        super(message);
    }
}
