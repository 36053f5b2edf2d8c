package io.quern.worker.storage;

import java.io.IOException;

/**
 * A write of intermediate data would take the worker past its disk quota. An I/O error, so that
 * it fails the attempt as the worker's fault, never as a record's or as a map output lost.
 */
public final class DiskQuotaExceededException extends IOException {
    public DiskQuotaExceededException(String message) {
        super(message);
    }
}
