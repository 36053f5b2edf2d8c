package io.quern.worker.shuffle;

import io.quern.common.job.MapOutputLocation;

/** A map output segment could not be fetched after retries; names the map and the worker holding it. */
public final class FetchFailedException extends Exception {
    private final MapOutputLocation location;

    public FetchFailedException(MapOutputLocation location, String message, Throwable cause) {
        super("fetch of map " + location.mapIndex() + " from " + location.workerId() + " (" + location.host() + ":"
                + location.port() + ") failed: " + message, cause);
        this.location = location;
    }

    public MapOutputLocation location() {
        return location;
    }
}
