package io.quern.worker.shuffle;

import io.quern.common.job.MapOutputLocation;

/**
 * A map output segment could not be fetched after retries; names the map (whose output the
 * coordinator may then re-create), the partition and the worker holding it.
 */
public final class FetchFailedException extends Exception {
    private final MapOutputLocation location;

    public FetchFailedException(MapOutputLocation location, int partition, String message, Throwable cause) {
        super("fetch of map " + location.mapIndex() + " partition " + partition + " from " + location.workerId()
                + " (" + location.host() + ":" + location.port() + ") failed: " + message, cause);
        this.location = location;
    }

    public MapOutputLocation location() {
        return location;
    }
}
